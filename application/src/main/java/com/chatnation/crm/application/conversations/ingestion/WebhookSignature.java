package com.chatnation.crm.application.conversations.ingestion;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Checks the {@code X-Hub-Signature-256} header Meta puts on every webhook delivery:
 * {@code sha256=} followed by the hex HMAC-SHA256 of the raw request body, keyed with the app secret.
 *
 * <p>The signature must be computed over the exact bytes received, before any JSON parsing or re-encoding.
 * Hex digits may be upper or lower case; anything else (no {@code sha256=} prefix, not 64 hex digits) is
 * rejected. The comparison is constant-time.
 */
public final class WebhookSignature {

    /** The HTTP header carrying the signature. */
    public static final String HEADER = "X-Hub-Signature-256";

    private static final String PREFIX = "sha256=";
    private static final String ALGORITHM = "HmacSHA256";
    private static final int DIGEST_HEX_LENGTH = 64;

    private final SecretKeySpec key;

    public WebhookSignature(String appSecret) {
        if (appSecret == null || appSecret.isEmpty()) {
            throw new IllegalArgumentException("app secret is required to verify webhook signatures");
        }
        this.key = new SecretKeySpec(appSecret.getBytes(StandardCharsets.UTF_8), ALGORITHM);
    }

    /**
     * True when {@code headerValue} is a well-formed {@code sha256=<hex>} signature of {@code body} under this
     * app secret; false for a missing, malformed or wrong signature.
     */
    public boolean isValid(byte[] body, String headerValue) {
        if (body == null || headerValue == null) {
            return false;
        }
        String value = headerValue.strip();
        if (!value.startsWith(PREFIX)) {
            return false;
        }
        String hex = value.substring(PREFIX.length());
        if (hex.length() != DIGEST_HEX_LENGTH) {
            return false;
        }
        byte[] received;
        try {
            received = HexFormat.of().parseHex(hex);
        } catch (IllegalArgumentException notHex) {
            return false;
        }
        return MessageDigest.isEqual(hmac(key, body), received);
    }

    /** The header value ({@code sha256=<lower-case hex>}) Meta would send for {@code body} under {@code appSecret}. */
    public static String headerValue(byte[] body, String appSecret) {
        if (appSecret == null || appSecret.isEmpty()) {
            throw new IllegalArgumentException("app secret is required to sign a webhook body");
        }
        SecretKeySpec secret = new SecretKeySpec(appSecret.getBytes(StandardCharsets.UTF_8), ALGORITHM);
        return PREFIX + HexFormat.of().formatHex(hmac(secret, body));
    }

    private static byte[] hmac(SecretKeySpec secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(secret);
            return mac.doFinal(body);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
