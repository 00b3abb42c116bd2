package com.chatnation.crm.application.platform.privacy;

import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;

/**
 * AES-256-GCM with a fresh 96-bit nonce per message, stored in front of the ciphertext. The associated data binds a
 * sealed value to the key id it names, so a value copied under another key id fails to open instead of opening
 * with the wrong contact's key.
 * <p>
 * Each thread keeps its cipher: looking one up ({@link Cipher#getInstance(String)}: provider and transformation
 * lookup) cost more than sealing a short value, and every event with personal data seals or opens a few. A cipher
 * is initialised afresh, with its own nonce, for every value.
 */
final class Sealing {

    static final String TRANSFORMATION = "AES/GCM/NoPadding";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final ThreadLocal<Cipher> CIPHERS = ThreadLocal.withInitial(Sealing::newCipher);

    private Sealing() {
    }

    static byte[] seal(SecretKey key, byte[] plain, byte[] associatedData) {
        try {
            byte[] nonce = new byte[NONCE_BYTES];
            RANDOM.nextBytes(nonce);
            Cipher cipher = CIPHERS.get();
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(associatedData);
            byte[] sealed = cipher.doFinal(plain);
            byte[] out = Arrays.copyOf(nonce, NONCE_BYTES + sealed.length);
            System.arraycopy(sealed, 0, out, NONCE_BYTES, sealed.length);
            return out;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("could not seal a value", e);
        }
    }

    static byte[] open(SecretKey key, byte[] sealed, byte[] associatedData) {
        try {
            Cipher cipher = CIPHERS.get();
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, sealed, 0, NONCE_BYTES));
            cipher.updateAAD(associatedData);
            return cipher.doFinal(sealed, NONCE_BYTES, sealed.length - NONCE_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("a sealed value does not open with its key: corrupted or tampered with", e);
        }
    }

    private static Cipher newCipher() {
        try {
            return Cipher.getInstance(TRANSFORMATION);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(TRANSFORMATION + " is not available in this JVM", e);
        }
    }
}
