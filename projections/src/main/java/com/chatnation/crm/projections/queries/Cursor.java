package com.chatnation.crm.projections.queries;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;

/**
 * A keyset position: the sort timestamp of the last row a page returned and that row's tie-breaking key. Clients
 * see it as an opaque URL-safe string and hand it back as {@code after}; the timestamp travels in microseconds,
 * PostgreSQL's precision, so the next page starts exactly after the row.
 */
public record Cursor(long epochMicros, String key) {

    private static final String VERSION = "1";
    /** Years 1 to 9999: within both Java's and PostgreSQL's timestamp range. */
    private static final long MIN_MICROS = micros(Instant.parse("0001-01-01T00:00:00Z"));
    private static final long MAX_MICROS = micros(Instant.parse("9999-12-31T23:59:59Z"));

    public Cursor {
        if (key == null || key.isEmpty()) {
            throw new IllegalArgumentException("cursor needs a key");
        }
    }

    public static Cursor of(Instant at, String key) {
        return new Cursor(micros(at), key);
    }

    /** Microseconds since the epoch, without the overflow of {@code ChronoUnit.MICROS.between} far from 1970. */
    private static long micros(Instant at) {
        return Math.addExact(Math.multiplyExact(at.getEpochSecond(), 1_000_000L), at.getNano() / 1_000);
    }

    public OffsetDateTime at() {
        return Instant.ofEpochSecond(Math.floorDiv(epochMicros, 1_000_000L), Math.floorMod(epochMicros, 1_000_000L) * 1_000L)
                .atOffset(ZoneOffset.UTC);
    }

    public String encode() {
        String raw = VERSION + ":" + epochMicros + ":" + key;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    /** The cursor a previous page handed out; {@link IllegalArgumentException} when it is not one. */
    public static Cursor decode(String encoded) {
        String raw;
        try {
            raw = new String(Base64.getUrlDecoder().decode(encoded), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException notBase64) {
            throw new InvalidCursorException();
        }
        String[] parts = raw.split(":", 3);
        if (parts.length != 3 || !VERSION.equals(parts[0]) || parts[2].isEmpty()) {
            throw new InvalidCursorException();
        }
        long micros;
        try {
            micros = Long.parseLong(parts[1]);
        } catch (NumberFormatException notANumber) {
            throw new InvalidCursorException();
        }
        if (micros < MIN_MICROS || micros > MAX_MICROS) {
            throw new InvalidCursorException();
        }
        return new Cursor(micros, parts[2]);
    }
}
