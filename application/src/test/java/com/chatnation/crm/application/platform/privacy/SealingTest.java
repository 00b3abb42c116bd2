package com.chatnation.crm.application.platform.privacy;

import org.junit.jupiter.api.Test;

import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;
import java.nio.charset.StandardCharsets;
import java.security.NoSuchAlgorithmException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Sealing reuses one cipher per thread: values sealed one after another, under several keys, still open only right. */
class SealingTest {

    private static final byte[] AAD = "key-1".getBytes(StandardCharsets.UTF_8);

    @Test
    void values_sealed_in_turn_under_different_keys_each_open_with_their_own_key_only() throws Exception {
        SecretKey alice = newKey();
        SecretKey bob = newKey();
        byte[][] sealed = new byte[200][];
        for (int i = 0; i < sealed.length; i++) {
            sealed[i] = Sealing.seal(i % 2 == 0 ? alice : bob, ("value " + i).getBytes(StandardCharsets.UTF_8), AAD);
        }
        for (int i = 0; i < sealed.length; i++) {
            SecretKey own = i % 2 == 0 ? alice : bob;
            SecretKey other = i % 2 == 0 ? bob : alice;
            assertThat(new String(Sealing.open(own, sealed[i], AAD), StandardCharsets.UTF_8)).isEqualTo("value " + i);
            byte[] value = sealed[i];
            assertThatThrownBy(() -> Sealing.open(other, value, AAD)).isInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    void the_same_value_sealed_twice_differs_and_a_failed_open_does_not_spoil_the_next_one() throws Exception {
        SecretKey key = newKey();
        byte[] plain = "+254700000001".getBytes(StandardCharsets.UTF_8);
        byte[] first = Sealing.seal(key, plain, AAD);
        byte[] second = Sealing.seal(key, plain, AAD);
        assertThat(first).isNotEqualTo(second);

        byte[] tampered = first.clone();
        tampered[tampered.length - 1] ^= 1;
        assertThatThrownBy(() -> Sealing.open(key, tampered, AAD)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> Sealing.open(key, second, "key-2".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalStateException.class);
        assertThat(Sealing.open(key, first, AAD)).isEqualTo(plain);
        assertThat(Sealing.open(key, second, AAD)).isEqualTo(plain);
    }

    private static SecretKey newKey() throws NoSuchAlgorithmException {
        KeyGenerator generator = KeyGenerator.getInstance("AES");
        generator.init(256);
        return generator.generateKey();
    }
}
