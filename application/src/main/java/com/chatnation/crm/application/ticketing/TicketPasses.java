package com.chatnation.crm.application.ticketing;

import com.chatnation.crm.application.platform.security.SecretFiles;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;

/**
 * The text in a ticket's QR code: {@code T1.<ticket code>.<signature>}, the signature being the first 16 bytes of
 * HMAC-SHA256 over the code, base64url without padding. A gate can then tell a pass the service issued from one
 * someone drew for a code they guessed or overheard, without a network round trip to anything but its own database.
 * <p>
 * The key comes from {@code crm.tickets.signing-key} ({@code CRM_TICKET_SIGNING_KEY}), or is generated on first start
 * into the data directory, like the JWT secret. Staff may still type a code read off the holder's screen, so what a
 * gate is given is either a pass, which must verify, or a bare code.
 */
@Component
class TicketPasses {

    static final String VERSION = "T1";
    private static final String PREFIX = VERSION + ".";
    /** 128 bits: far beyond guessing at a gate, and short enough to keep the QR code coarse and quick to scan. */
    private static final int SIGNATURE_BYTES = 16;
    private static final int MIN_KEY_LENGTH = 32;

    private final SecretKeySpec key;

    TicketPasses(@Value("${crm.tickets.signing-key:}") String configured,
                 @Value("${crm.tickets.signing-key-file:${crm.data-dir}/ticket-signing-key}") String keyFile) {
        String secret = configured.isBlank()
                ? SecretFiles.readOrGenerate(Path.of(keyFile), "ticket signing key") : configured;
        if (secret.length() < MIN_KEY_LENGTH) {
            throw new IllegalStateException("crm.tickets.signing-key must be at least " + MIN_KEY_LENGTH
                    + " characters long");
        }
        this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
    }

    /** The pass of a ticket code, as its QR code carries it. */
    String payload(String ticketCode) {
        return PREFIX + ticketCode + "." + signature(ticketCode);
    }

    /** Whether the gate was given a pass (which must verify) rather than a typed code. */
    static boolean isPass(String presented) {
        return presented != null && presented.strip().startsWith(PREFIX);
    }

    /** The ticket code a pass names, when its signature is the service's; empty for a forged or mangled pass. */
    Optional<String> verified(String pass) {
        if (!isPass(pass)) {
            return Optional.empty();
        }
        String text = pass.strip();
        int dot = text.lastIndexOf('.');
        if (dot <= PREFIX.length()) {
            return Optional.empty();
        }
        String code = text.substring(PREFIX.length(), dot);
        byte[] expected = signature(code).getBytes(StandardCharsets.US_ASCII);
        byte[] given = text.substring(dot + 1).getBytes(StandardCharsets.US_ASCII);
        // constant time, so timing tells a forger nothing about how much of a signature was right
        return MessageDigest.isEqual(expected, given) ? Optional.of(code) : Optional.empty();
    }

    /** A code as staff typed it: spaces around it dropped, in capitals as codes are issued. */
    static String typed(String code) {
        return code == null ? "" : code.strip().toUpperCase(Locale.ROOT);
    }

    private String signature(String ticketCode) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            byte[] full = mac.doFinal(ticketCode.getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(full, SIGNATURE_BYTES));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java runtime has HmacSHA256", e);
        }
    }
}
