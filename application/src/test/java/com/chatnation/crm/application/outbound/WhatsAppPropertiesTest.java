package com.chatnation.crm.application.outbound;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WhatsAppPropertiesTest {

    @Test
    void defaultsPointAtTheGraphApiAtEightyMessagesPerSecond() {
        WhatsAppProperties defaults = WhatsAppProperties.defaults();

        assertThat(defaults.baseUrl()).isEqualTo("https://graph.facebook.com");
        assertThat(defaults.apiVersion()).isEqualTo("v21.0");
        assertThat(defaults.messagesPerSecond()).isEqualTo(80);
        assertThat(defaults.maxAttempts()).isGreaterThan(1);
        assertThat(defaults.retryBaseDelay()).isLessThanOrEqualTo(defaults.retryMaxDelay());
    }

    @Test
    void dropsTrailingSlashesFromTheBaseUrl() {
        assertThat(WhatsAppProperties.builder().baseUrl("http://localhost:8089//").build().baseUrl())
                .isEqualTo("http://localhost:8089");
    }

    @Test
    void toBuilderChangesOnlyWhatIsSet() {
        WhatsAppProperties changed = WhatsAppProperties.defaults().toBuilder().maxAttempts(7).build();

        assertThat(changed).isEqualTo(new WhatsAppProperties("https://graph.facebook.com", "v21.0",
                WhatsAppProperties.defaults().connectTimeout(), WhatsAppProperties.defaults().requestTimeout(), 7,
                WhatsAppProperties.defaults().retryBaseDelay(), WhatsAppProperties.defaults().retryMaxDelay(), 80, 80));
    }

    @Test
    void refusesSettingsThatCannotWork() {
        assertThatThrownBy(() -> WhatsAppProperties.builder().maxAttempts(0).build())
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> WhatsAppProperties.builder().messagesPerSecond(0).build())
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> WhatsAppProperties.builder().burst(0).build())
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> WhatsAppProperties.builder()
                .retryBaseDelay(Duration.ofSeconds(10)).retryMaxDelay(Duration.ofSeconds(1)).build())
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> WhatsAppProperties.builder().requestTimeout(Duration.ZERO).build())
                .isInstanceOf(IllegalArgumentException.class);
    }
}
