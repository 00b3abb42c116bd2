package com.chatnation.crm.application.platform.privacy;

import com.chatnation.crm.application.platform.security.SecretFiles;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.Base64;

/**
 * The key that wraps every contact's data key, so the key table alone (a backup, a replica, a dump) opens
 * nothing. It comes from {@code CRM_MASTER_KEY} (32 random bytes, Base64) or is generated once into the data
 * directory, like the other secrets of a zero-configuration run. Losing it makes every sealed member of every event
 * unreadable, exactly as if all contacts had been erased: production sets it and keeps it apart from the database.
 */
@Component
class MasterKey {

    private final SecretKey wrapping;
    private final SecretKey directoryLookup;

    MasterKey(@Value("${crm.privacy.master-key:}") String configured,
              @Value("${crm.privacy.master-key-file:${crm.data-dir}/master-key}") String keyFile) {
        String encoded = configured.isBlank() ? SecretFiles.readOrGenerate(Path.of(keyFile), "master key") : configured;
        byte[] bytes = decode(encoded.strip());
        if (bytes.length != 32) {
            throw new IllegalStateException("the master key (CRM_MASTER_KEY) must be 32 bytes in Base64, was "
                    + bytes.length + " bytes");
        }
        // Two keys derived for two purposes, so a digest of the directory can never be mistaken for a wrapped key.
        this.wrapping = new SecretKeySpec(derive(bytes, "crm-data-key-wrapping"), "AES");
        this.directoryLookup = new SecretKeySpec(derive(bytes, "crm-contact-directory"), "HmacSHA256");
    }

    byte[] wrap(SecretKey dataKey, String keyId) {
        return Sealing.seal(wrapping, dataKey.getEncoded(), keyId.getBytes(StandardCharsets.UTF_8));
    }

    SecretKey unwrap(byte[] wrapped, String keyId) {
        return new SecretKeySpec(Sealing.open(wrapping, wrapped, keyId.getBytes(StandardCharsets.UTF_8)), "AES");
    }

    /** A keyed digest: equal inputs give equal digests, and nobody without the master key can test a guess. */
    byte[] digest(String value) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(directoryLookup);
            return mac.doFinal(value.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] derive(byte[] master, String purpose) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(master, "HmacSHA256"));
            return mac.doFinal(purpose.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] decode(String encoded) {
        try {
            return Base64.getUrlDecoder().decode(encoded.replace('+', '-').replace('/', '_').replace("=", ""));
        } catch (IllegalArgumentException notBase64) {
            throw new IllegalStateException("the master key (CRM_MASTER_KEY) is not Base64", notBase64);
        }
    }

}
