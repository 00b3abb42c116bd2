package com.chatnation.crm.domain.common;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EmailAddressTest {

    @Test
    void keepsTheTrimmedLowerCaseForm() {
        assertThat(EmailAddress.of("  Jane.Doe+crm@Example.CO.KE ").value()).isEqualTo("jane.doe+crm@example.co.ke");
    }

    @Test
    void acceptsTheLongestAddress() {
        String longest = "a".repeat(EmailAddress.MAX_LENGTH - "@example.com".length()) + "@example.com";
        assertThat(EmailAddress.of(longest).value()).hasSize(254);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "jane", "@example.com", "jane@example", "jane@@example.com", "jane@ex@ample.com",
            "jane doe@example.com", "jane@.com", "jane@example."})
    void refusesWhatDoesNotLookLikeAnAddress(String raw) {
        assertThatThrownBy(() -> EmailAddress.of(raw))
                .isInstanceOfSatisfying(DomainRuleViolation.class, e -> assertThat(e.code()).isEqualTo("invalid_email"));
    }

    @Test
    void refusesMissingAndOverlongAddresses() {
        String tooLong = "a".repeat(EmailAddress.MAX_LENGTH + 1 - "@example.com".length()) + "@example.com";
        assertThatThrownBy(() -> EmailAddress.of(tooLong)).isInstanceOf(DomainRuleViolation.class);
        assertThatThrownBy(() -> EmailAddress.of(null)).hasMessage("e-mail address is required");
        // The canonical form only: a mixed-case value must come through of(...).
        assertThatThrownBy(() -> new EmailAddress("Jane@example.com")).isInstanceOf(DomainRuleViolation.class);
    }
}
