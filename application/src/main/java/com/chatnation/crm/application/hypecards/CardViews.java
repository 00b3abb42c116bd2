package com.chatnation.crm.application.hypecards;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Counts the people who open a card's public page ({@code card_views}): one view per visitor and day, and at most
 * one share per visitor and day. A visitor is a keyed hash (HMAC-SHA256) of their address and browser with a key of
 * that day only ({@code card_view_keys}), so no address is stored and nobody can be followed from one day to the
 * next. Programs are not people: link previews (WhatsApp, Facebook, Slack, ...), crawlers and HTTP libraries are not
 * counted, nor a request that does not name its browser.
 */
@Component
class CardViews {

    /** User-Agent fragments of programs that fetch pages: search and preview bots, command-line and library clients. */
    private static final Pattern NOT_A_PERSON = Pattern.compile("bot|crawl|spider|slurp|facebookexternalhit"
            + "|facebookcatalog|whatsapp|telegrambot|twitterbot|slackbot|discordbot|linkedinbot|skypeuripreview"
            + "|embedly|curl|wget|python-requests|okhttp|go-http-client|java/", Pattern.CASE_INSENSITIVE);
    /** Days a key is kept after its own: long enough for a request that straddles midnight, then it is gone. */
    private static final int KEY_DAYS_KEPT = 2;
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A visitor of one day, as counted. */
    record Visitor(LocalDate day, String id) {
    }

    private record DayKey(LocalDate day, byte[] key) {
    }

    private final JdbcTemplate jdbc;
    /** Days are UTC days, the same on every instance. */
    private final Clock clock = Clock.systemUTC();
    /** Today's key: it never changes once written, so each instance reads it once a day. */
    private volatile DayKey current;

    CardViews(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The visitor this address and browser are today; empty for a program or a request that names no browser. */
    Optional<Visitor> visitor(String address, String userAgent) {
        if (userAgent == null || userAgent.isBlank() || NOT_A_PERSON.matcher(userAgent).find()) {
            return Optional.empty();
        }
        LocalDate today = LocalDate.now(clock);
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(keyOf(today), "HmacSHA256"));
            byte[] hash = mac.doFinal((String.valueOf(address) + "\n" + userAgent).getBytes(StandardCharsets.UTF_8));
            return Optional.of(new Visitor(today, HexFormat.of().formatHex(hash)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is part of every Java runtime", e);
        }
    }

    /** Counts the visitor's view of the card, once a day; a code without a card counts nothing. */
    void viewed(String shareCode, Visitor visitor) {
        jdbc.update("""
                        INSERT INTO card_views (share_code, viewed_on, visitor, viewed_at)
                        SELECT share_code, ?, ?, now() FROM card_links WHERE share_code = ?
                        ON CONFLICT (share_code, viewed_on, visitor) DO NOTHING""",
                visitor.day(), visitor.id(), shareCode);
    }

    /**
     * Marks the visitor's share of the card; true only for their first share of the day. A visitor who shares
     * without a view of today (the page was opened before midnight) is counted as a viewer too: they saw it.
     */
    boolean shared(String shareCode, Visitor visitor) {
        return jdbc.update("""
                        INSERT INTO card_views (share_code, viewed_on, visitor, viewed_at, shared_at)
                        SELECT share_code, ?, ?, now(), now() FROM card_links WHERE share_code = ?
                        ON CONFLICT (share_code, viewed_on, visitor) DO UPDATE SET shared_at = EXCLUDED.shared_at
                        WHERE card_views.shared_at IS NULL""",
                visitor.day(), visitor.id(), shareCode) == 1;
    }

    /**
     * The day's key: made by whichever instance needs it first (the others' inserts change nothing and they read
     * the winner's), and keys older than {@value #KEY_DAYS_KEPT} days deleted when a new one is made.
     */
    private byte[] keyOf(LocalDate day) {
        DayKey known = current;
        if (known != null && known.day().equals(day)) {
            return known.key();
        }
        List<byte[]> found = read(day);
        if (found.isEmpty()) {
            byte[] fresh = new byte[32];
            RANDOM.nextBytes(fresh);
            jdbc.update("INSERT INTO card_view_keys (day, key) VALUES (?, ?) ON CONFLICT (day) DO NOTHING", day,
                    fresh);
            jdbc.update("DELETE FROM card_view_keys WHERE day < ?", day.minusDays(KEY_DAYS_KEPT));
            found = read(day);
        }
        byte[] key = found.get(0);
        current = new DayKey(day, key);
        return key;
    }

    private List<byte[]> read(LocalDate day) {
        return jdbc.query("SELECT key FROM card_view_keys WHERE day = ?", (rs, n) -> rs.getBytes(1), day);
    }
}
