package com.chatnation.crm.application.platform.whatsapp;

import com.chatnation.crm.application.support.BoundProperties;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindException;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WhatsAppPropertiesTest {

    private static WhatsAppProperties bind(String... keysAndValues) {
        return BoundProperties.bind("crm.whatsapp", WhatsAppProperties.class, keysAndValues);
    }

    @Test
    void defaultsPointAtTheGraphApiAtEightyMessagesPerSecond() {
        WhatsAppProperties defaults = WhatsAppProperties.defaults();

        assertThat(defaults.baseUrl()).isEqualTo("https://graph.facebook.com");
        assertThat(defaults.apiVersion()).isEqualTo("v21.0");
        assertThat(defaults.messagesPerSecond()).isEqualTo(80);
        assertThat(defaults.maxAttempts()).isGreaterThan(1);
        assertThat(defaults.retryBaseDelay()).isLessThanOrEqualTo(defaults.retryMaxDelay());
        assertThat(defaults).isEqualTo(bind());
    }

    @Test
    void dropsTrailingSlashesFromTheBaseUrl() {
        assertThat(bind("base-url", "http://localhost:8089//").baseUrl()).isEqualTo("http://localhost:8089");
    }

    @Test
    void bindingChangesOnlyWhatIsSet() {
        WhatsAppProperties changed = bind("max-attempts", "7");
        WhatsAppProperties defaults = WhatsAppProperties.defaults();

        assertThat(changed).isEqualTo(new WhatsAppProperties("https://graph.facebook.com", "v21.0", null, null, null,
                Map.of(), 80, 80, 7, defaults.retryBaseDelay(), defaults.retryMaxDelay(), defaults.connectTimeout(),
                defaults.requestTimeout()));
    }

    @Test
    void theBurstIsOneSecondsWorthUnlessSet() {
        assertThat(bind("messages-per-second", "2.5").burst()).isEqualTo(3);
        assertThat(bind("messages-per-second", "4", "burst", "2").burst()).isEqualTo(2);
    }

    @Test
    void tokensComeFromTheNumberElseTheSharedOneAndNeverShow() {
        WhatsAppProperties properties = bind("access-token", "shared-secret-token",
                "access-tokens.106540352242922", "own-secret-token", "app-secret", "app-secret-value");

        assertThat(properties.accessTokenFor("106540352242922")).isEqualTo("own-secret-token");
        assertThat(properties.accessTokenFor("999")).isEqualTo("shared-secret-token");
        assertThat(bind().accessTokenFor("999")).isNull();
        assertThat(properties.toString()).doesNotContain("secret-token", "app-secret-value");
    }

    @Test
    void refusesSettingsThatCannotWork() {
        assertThatThrownBy(() -> bind("max-attempts", "0")).isInstanceOf(BindException.class);
        assertThatThrownBy(() -> bind("messages-per-second", "0")).isInstanceOf(BindException.class);
        assertThatThrownBy(() -> bind("burst", "0")).isInstanceOf(BindException.class);
        assertThatThrownBy(() -> bind("retry-base-delay", "10s", "retry-max-delay", "1s"))
                .isInstanceOf(BindException.class);
        assertThatThrownBy(() -> bind("request-timeout", "0s")).isInstanceOf(BindException.class);
        assertThatThrownBy(() -> bind("base-url", " ")).isInstanceOf(BindException.class);
        assertThat(bind("retry-base-delay", "0s").retryBaseDelay()).isEqualTo(Duration.ZERO);
    }
}
