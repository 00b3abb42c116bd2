package com.chatnation.crm.application.staff;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Random credentials handed out once (API keys, invitation links, refresh tokens): 256 random bits behind a prefix
 * that says what they are, stored only as a SHA-256 hash. A fast hash is enough because they are random rather
 * than chosen by people, so there is nothing to guess. API keys keep the {@code crm_} prefix the security filter
 * tells them apart by.
 */
public final class SecretTokens {

    private static final SecureRandom RANDOM = new SecureRandom();

    private SecretTokens() {
    }

    public static String apiKey() {
        return random("crm_");
    }

    static String invitation() {
        return random("crminv_");
    }

    static String refreshToken() {
        return random("crmrt_");
    }

    public static String hash(String token) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha256.digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java runtime", e);
        }
    }

    private static String random(String prefix) {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return prefix + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
