package com.chatnation.crm.application.broadcasts;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SuppressionTest {

    @Test
    void marketingSkipsWhoeverOptedOutAndImportedNumbersWithoutConsent() {
        assertThat(Suppression.of(true, true, false, true)).isEqualTo("opted_out");
        assertThat(Suppression.of(true, true, null, false)).as("imported, never asked").isEqualTo("no_consent");
        assertThat(Suppression.of(true, true, null, true)).as("wrote to the organization").isNull();
        assertThat(Suppression.of(true, true, true, false)).as("imported with consent").isNull();
    }

    @Test
    void utilityGoesToOptedOutContactsUnlessTheOrganizationSaysOtherwise() {
        assertThat(Suppression.of(false, true, false, true)).isNull();
        assertThat(Suppression.of(false, false, false, true)).isEqualTo("opted_out");
        assertThat(Suppression.of(false, false, null, false)).as("consent is for marketing only").isNull();
        assertThat(Suppression.of(false, false, true, true)).isNull();
    }
}
