package com.chatnation.crm.application.web;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The key that unlocks {@code /admin}. Taken from {@code crm.admin.api-key} (env {@code CRM_ADMIN_API_KEY});
 * when none is configured, one is generated on first start and kept in a file readable only by its owner,
 * so a zero-configuration run is still protected and the key never appears in a log.
 */
@Component
public class AdminApiKey {

    private static final Logger log = LoggerFactory.getLogger(AdminApiKey.class);

    private final byte[] key;

    public AdminApiKey(@Value("${crm.admin.api-key:}") String configured,
                       @Value("${crm.admin.api-key-file:${user.home}/.chatnation-crm/admin-api-key}") String keyFile) {
        String value = configured.isBlank() ? generatedKey(Path.of(keyFile)) : configured;
        this.key = value.getBytes(StandardCharsets.UTF_8);
    }

    /** Constant-time, so response timing says nothing about how much of a guess was right. */
    public boolean matches(String presented) {
        return presented != null && MessageDigest.isEqual(key, presented.getBytes(StandardCharsets.UTF_8));
    }

    private static String generatedKey(Path file) {
        try {
            if (Files.exists(file)) {
                return Files.readString(file).strip();
            }
            Files.createDirectories(file.getParent());
            byte[] bytes = new byte[32];
            new SecureRandom().nextBytes(bytes);
            String value = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
            Files.writeString(file, value);
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException notPosix) {
                // best effort on file systems without POSIX permissions
            }
            log.info("No admin API key configured: generated one in {}", file);
            return value;
        } catch (IOException e) {
            throw new UncheckedIOException("could not read or create the admin API key file " + file, e);
        }
    }
}
