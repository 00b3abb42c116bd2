package com.chatnation.crm.application.platform.security;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;

/**
 * The platform operator's credential ({@code X-Admin-Key}). Taken from {@code crm.admin.api-key} (env
 * {@code CRM_ADMIN_API_KEY}); when none is configured, one is generated on first start into the data directory,
 * so a zero-configuration run is still protected and the key never appears in a log.
 */
@Component
public class PlatformKey {

    public static final String HEADER = "X-Admin-Key";

    private final byte[] key;

    public PlatformKey(@Value("${crm.admin.api-key:}") String configured,
                       @Value("${crm.admin.api-key-file:${crm.data-dir}/admin-api-key}") String keyFile) {
        String value = configured.isBlank() ? SecretFiles.readOrGenerate(Path.of(keyFile), "admin API key") : configured;
        this.key = value.getBytes(StandardCharsets.UTF_8);
    }

    /** Constant-time, so response timing says nothing about how much of a guess was right. */
    public boolean matches(String presented) {
        return presented != null && MessageDigest.isEqual(key, presented.getBytes(StandardCharsets.UTF_8));
    }
}
