package com.chatnation.crm.domain.ticketing;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Ticket codes such as {@code TECH-VIP-7K3Q9M}: a prefix people recognise, then a suffix read out at the door
 * or typed from a phone screen.
 * <p>
 * Codes are derived from a hash of the event, reservation and ticket position rather than drawn at random, so
 * a retried command or a test produces the same codes. The suffix alphabet leaves out 0/O and 1/I, which
 * readers confuse. A hash can still collide, so callers pass what is already issued and a colliding candidate
 * is rehashed with the next attempt number; since the issued set is rebuilt from events, that stays
 * deterministic too.
 */
public final class TicketCodes {

    static final String ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";
    static final int SUFFIX_LENGTH = 6;
    private static final int EVENT_PART_LENGTH = 4;
    private static final int TYPE_PART_LENGTH = 3;
    /** 32^6 is about a billion codes; reaching this many collisions means the issued set is broken. */
    private static final int MAX_ATTEMPTS = 1_000;

    private TicketCodes() {
    }

    /** {@code "TechExpo 2024"} and {@code "VIP Pass"} give {@code "TECH-VIP"}. */
    public static String prefix(String eventName, String ticketTypeName) {
        return part(eventName, EVENT_PART_LENGTH, "EVT") + "-" + part(ticketTypeName, TYPE_PART_LENGTH, "TKT");
    }

    /**
     * {@code quantity} codes for one reservation, none of which {@code taken} reports as issued and none
     * repeated among themselves.
     */
    public static List<String> generate(String prefix, String eventId, String reservationId, int quantity,
                                        Predicate<String> taken) {
        List<String> codes = new ArrayList<>(quantity);
        Set<String> thisBatch = new HashSet<>();
        for (int index = 0; index < quantity; index++) {
            String code = null;
            for (int attempt = 0; code == null; attempt++) {
                if (attempt == MAX_ATTEMPTS) {
                    throw new IllegalStateException("no free ticket code for reservation " + reservationId);
                }
                String candidate = candidate(prefix, eventId, reservationId, index, attempt);
                if (!taken.test(candidate) && thisBatch.add(candidate)) {
                    code = candidate;
                }
            }
            codes.add(code);
        }
        return codes;
    }

    static String candidate(String prefix, String eventId, String reservationId, int index, int attempt) {
        // Length-prefixed so ids containing the separator cannot make two different inputs hash alike.
        String input = eventId.length() + ":" + eventId + "|" + reservationId.length() + ":" + reservationId
                + "|" + index + "|" + attempt;
        byte[] hash = sha256(input);
        long bits = 0;
        for (int i = 0; i < 5; i++) {
            bits = (bits << 8) | (hash[i] & 0xFF);
        }
        char[] suffix = new char[SUFFIX_LENGTH];
        for (int i = 0; i < SUFFIX_LENGTH; i++) {
            suffix[i] = ALPHABET.charAt((int) (bits >>> (35 - 5 * i)) & 31);
        }
        return prefix + "-" + new String(suffix);
    }

    private static String part(String name, int length, String fallback) {
        String letters = name == null ? "" : Normalizer.normalize(name, Normalizer.Form.NFD)
                .replaceAll("[^A-Za-z0-9]", "")
                .toUpperCase(Locale.ROOT);
        if (letters.isEmpty()) {
            return fallback;
        }
        return letters.substring(0, Math.min(length, letters.length()));
    }

    private static byte[] sha256(String input) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(input.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException missing) {
            throw new IllegalStateException("every Java runtime ships SHA-256", missing);
        }
    }
}
