package com.chatnation.crm.application.platform.privacy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * How a sealed member is written in JSON: {@code "pd1:<key id>:<nonce and ciphertext, Base64url>"}, a string in
 * place of whatever the member was (a string, an object, a list). The key id is a contact id (or contact id and
 * month), never personal data itself.
 */
record SealedValue(String keyId, byte[] sealed) {

    private static final String PREFIX = "pd1:";

    static boolean looksSealed(String text) {
        return text != null && text.startsWith(PREFIX);
    }

    static SealedValue parse(String text) {
        int separator = text.indexOf(':', PREFIX.length());
        if (separator < 0) {
            throw new IllegalStateException("a sealed value without its key id");
        }
        return new SealedValue(text.substring(PREFIX.length(), separator),
                Base64.getUrlDecoder().decode(text.substring(separator + 1)));
    }

    String text() {
        return PREFIX + keyId + ":" + Base64.getUrlEncoder().withoutPadding().encodeToString(sealed);
    }

    static byte[] associatedData(String keyId) {
        return keyId.getBytes(StandardCharsets.UTF_8);
    }
}
