package com.chatnation.crm.application.conversations.ingestion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class WebhookSignatureTest {

    private static final String SECRET = "app-secret-1";
    private static final byte[] BODY = "{\"object\":\"whatsapp_business_account\",\"entry\":[]}"
            .getBytes(StandardCharsets.UTF_8);

    private final WebhookSignature signature = new WebhookSignature(SECRET);

    @Test
    void header_value_is_the_known_hmac_sha256_of_the_body() {
        // RFC 4231 test case 2: key "Jefe", data "what do ya want for nothing?"
        byte[] data = "what do ya want for nothing?".getBytes(StandardCharsets.US_ASCII);
        assertThat(WebhookSignature.headerValue(data, "Jefe"))
                .isEqualTo("sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
    }

    @Test
    void accepts_a_valid_signature() {
        assertThat(signature.isValid(BODY, WebhookSignature.headerValue(BODY, SECRET))).isTrue();
    }

    @Test
    void accepts_upper_case_hex() {
        String header = WebhookSignature.headerValue(BODY, SECRET);
        String upper = "sha256=" + header.substring("sha256=".length()).toUpperCase();
        assertThat(upper).isNotEqualTo(header);
        assertThat(signature.isValid(BODY, upper)).isTrue();
    }

    @Test
    void rejects_a_signature_made_with_another_secret() {
        assertThat(signature.isValid(BODY, WebhookSignature.headerValue(BODY, "other-secret"))).isFalse();
    }

    @Test
    void rejects_a_tampered_body() {
        String header = WebhookSignature.headerValue(BODY, SECRET);
        byte[] tampered = BODY.clone();
        tampered[tampered.length - 2] = ' ';
        assertThat(signature.isValid(tampered, header)).isFalse();
    }

    @Test
    void rejects_a_missing_header() {
        assertThat(signature.isValid(BODY, null)).isFalse();
        assertThat(signature.isValid(BODY, "")).isFalse();
    }

    @Test
    void rejects_a_signature_without_the_sha256_prefix() {
        String hex = WebhookSignature.headerValue(BODY, SECRET).substring("sha256=".length());
        assertThat(signature.isValid(BODY, hex)).isFalse();
        assertThat(signature.isValid(BODY, "sha1=" + hex)).isFalse();
        assertThat(signature.isValid(BODY, "SHA256=" + hex)).isFalse();
    }

    @Test
    void rejects_a_signature_of_the_wrong_length() {
        String header = WebhookSignature.headerValue(BODY, SECRET);
        assertThat(signature.isValid(BODY, header.substring(0, header.length() - 2))).isFalse();
        assertThat(signature.isValid(BODY, header + "00")).isFalse();
        assertThat(signature.isValid(BODY, "sha256=")).isFalse();
    }

    @Test
    void rejects_non_hex_digits() {
        String header = WebhookSignature.headerValue(BODY, SECRET);
        String corrupted = header.substring(0, header.length() - 1) + "g";
        assertThat(signature.isValid(BODY, corrupted)).isFalse();
    }

    @Test
    void requires_an_app_secret() {
        assertThatThrownBy(() -> new WebhookSignature("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> WebhookSignature.headerValue(BODY, null))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
