package com.chatnation.crm.application.payments;

import com.chatnation.crm.application.platform.security.SecretFiles;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;

/**
 * Where a provider posts a payment's answer: {@code <public-url>/payments/mpesa/callbacks/<payment id>/<signature>}.
 * Daraja signs nothing it sends, so the address is the secret: the signature is an HMAC of the payment id under a
 * key only the service holds, and an answer posted anywhere else (a guessed id, another payment's address) is
 * refused before it is read. Each payment has its own address, so one leaked address can speak only for its payment.
 */
@Component
class CallbackAddresses {

    static final String PATH = "/payments/mpesa/callbacks/";
    private static final int SIGNATURE_BYTES = 18;
    private static final int MIN_KEY_LENGTH = 32;

    private final SecretKeySpec key;
    private final String publicUrl;

    CallbackAddresses(@Value("${crm.payments.callback-key:}") String configured,
                      @Value("${crm.payments.callback-key-file:${crm.data-dir}/payment-callback-key}") String keyFile,
                      @Value("${crm.public-url}") String publicUrl) {
        String secret = configured.isBlank()
                ? SecretFiles.readOrGenerate(Path.of(keyFile), "payment callback key") : configured;
        if (secret.length() < MIN_KEY_LENGTH) {
            throw new IllegalStateException("crm.payments.callback-key must be at least " + MIN_KEY_LENGTH
                    + " characters long");
        }
        this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
        this.publicUrl = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
    }

    URI of(String paymentId) {
        return URI.create(publicUrl + PATH + paymentId + "/" + signature(paymentId));
    }

    /** Whether {@code signature} is the one the service gave the payment's address (compared in constant time). */
    boolean isGenuine(String paymentId, String signature) {
        if (paymentId == null || signature == null) {
            return false;
        }
        return MessageDigest.isEqual(signature(paymentId).getBytes(StandardCharsets.US_ASCII),
                signature.getBytes(StandardCharsets.US_ASCII));
    }

    private String signature(String paymentId) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            byte[] full = mac.doFinal(("payment-callback:" + paymentId).getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(full, SIGNATURE_BYTES));
        } catch (GeneralSecurityException impossible) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", impossible);
        }
    }
}
