package com.chatnation.crm.application.staff;

import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

import java.nio.charset.StandardCharsets;

/**
 * Passwords of 10 to 64 characters and at most 72 bytes (BCrypt reads no further, so a longer one would only
 * look stronger than it is).
 */
final class PasswordPolicy {

    static final int MIN_LENGTH = 10;
    static final int MAX_LENGTH = 64;

    private PasswordPolicy() {
    }

    static void check(String password) {
        if (password == null || password.codePointCount(0, password.length()) < MIN_LENGTH
                || password.codePointCount(0, password.length()) > MAX_LENGTH
                || password.getBytes(StandardCharsets.UTF_8).length > 72) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
                    "password must be " + MIN_LENGTH + " to " + MAX_LENGTH + " characters (at most 72 bytes)");
        }
        if (password.isBlank() || password.chars().anyMatch(c -> c < 0x20)) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "password must not be blank or hold control characters");
        }
    }
}
