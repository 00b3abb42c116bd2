package com.chatnation.crm.application.analytics;

import com.chatnation.crm.projections.analytics.BuiltInFunnels;
import com.chatnation.crm.projections.analytics.FunnelDefinition;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.web.server.ResponseStatusException;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * An organization's funnels: the built-in ones plus its own, kept in {@code crm_config.funnel_definitions}.
 * Funnel definitions are configuration, not domain events: nothing in the business changes when someone decides
 * to look at their contacts differently, so they are written with plain JDBC rather than through an aggregate.
 * Funnels are computed at query time from {@code journey_events}, so a saved definition applies to all history
 * at once; there is nothing to recompute or replay.
 */
@Service
class FunnelDefinitions {

    static final int MAX_STEPS = 10;
    static final Duration MIN_WINDOW = Duration.ofMinutes(1);
    static final Duration MAX_WINDOW = Duration.ofDays(366);
    private static final Pattern KEY = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");
    private static final Pattern STEP = Pattern.compile("[a-z0-9][a-z0-9_.:-]{0,63}");

    private final JdbcTemplate jdbc;
    private final Clock clock;

    public FunnelDefinitions(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        this.clock = Clock.systemUTC();
    }

    /** Built-in funnels (or the organization's replacement of them) first, then custom ones by key. */
    public List<FunnelDefinition> list(String organizationId) {
        Map<String, FunnelDefinition> funnels = new LinkedHashMap<>();
        BuiltInFunnels.ALL.forEach(funnel -> funnels.put(funnel.key(), funnel));
        jdbc.query("""
                        SELECT funnel_key, name, steps, conversion_window_seconds FROM crm_config.funnel_definitions
                        WHERE organization_id = ? ORDER BY funnel_key""",
                rs -> {
                    FunnelDefinition custom = read(rs);
                    funnels.put(custom.key(), custom);
                }, organizationId);
        return List.copyOf(funnels.values());
    }

    public Optional<FunnelDefinition> find(String organizationId, String key) {
        List<FunnelDefinition> custom = jdbc.query("""
                        SELECT funnel_key, name, steps, conversion_window_seconds FROM crm_config.funnel_definitions
                        WHERE organization_id = ? AND funnel_key = ?""",
                (rs, i) -> read(rs), organizationId, key);
        return custom.isEmpty() ? BuiltInFunnels.byKey(key) : Optional.of(custom.get(0));
    }

    /** Defines or replaces a funnel; a built-in key makes the organization's own version of that funnel. */
    public FunnelDefinition save(String organizationId, String key, String name, List<String> steps,
                                 String conversionWindow) {
        FunnelDefinition funnel = validated(key, name, steps, conversionWindow);
        OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
        jdbc.update("""
                        INSERT INTO crm_config.funnel_definitions (organization_id, funnel_key, name, steps,
                                                                   conversion_window_seconds, created_at, updated_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?)
                        ON CONFLICT (organization_id, funnel_key) DO UPDATE SET name = excluded.name,
                            steps = excluded.steps, conversion_window_seconds = excluded.conversion_window_seconds,
                            updated_at = excluded.updated_at""",
                organizationId, funnel.key(), funnel.name(), funnel.steps().toArray(String[]::new),
                funnel.conversionWindow().toSeconds(), now, now);
        return funnel;
    }

    /** Removes a custom funnel (a replaced built-in comes back); false when there was none. */
    public boolean delete(String organizationId, String key) {
        return jdbc.update("DELETE FROM crm_config.funnel_definitions WHERE organization_id = ? AND funnel_key = ?",
                organizationId, key) > 0;
    }

    static FunnelDefinition validated(String key, String name, List<String> steps, String conversionWindow) {
        if (key == null || !KEY.matcher(key).matches()) {
            throw refused("key", "funnel key must be 1 to 64 lowercase letters, digits, '-' or '_', starting with a "
                    + "letter or digit");
        }
        if (name == null || name.isBlank() || name.length() > 100) {
            throw refused("name", "name is required (at most 100 characters)");
        }
        if (steps == null || steps.size() < 2 || steps.size() > MAX_STEPS) {
            throw refused("steps", "steps must list 2 to " + MAX_STEPS + " journey step names in order");
        }
        List<String> normalized = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (String step : steps) {
            String value = step == null ? "" : step.strip().toLowerCase(Locale.ROOT);
            if (!STEP.matcher(value).matches()) {
                throw refused("steps", "step '" + step + "' is not a valid step name (lowercase letters, digits and "
                        + "_ . : -, at most 64 characters)");
            }
            if (!seen.add(value)) {
                throw refused("steps", "step '" + value + "' appears twice; each step may appear once");
            }
            normalized.add(value);
        }
        Duration window = parseWindow(conversionWindow);
        return new FunnelDefinition(key, name.strip(), normalized, window, false);
    }

    private static Duration parseWindow(String value) {
        if (value == null || value.isBlank()) {
            throw refused("conversionWindow", "conversionWindow is required, as an ISO-8601 duration such as P7D or PT12H");
        }
        Duration window;
        try {
            window = Duration.parse(value.strip().toUpperCase(Locale.ROOT));
        } catch (RuntimeException e) {
            throw refused("conversionWindow", "conversionWindow '" + value + "' is not an ISO-8601 duration such as P7D or PT12H");
        }
        if (window.compareTo(MIN_WINDOW) < 0 || window.compareTo(MAX_WINDOW) > 0) {
            throw refused("conversionWindow", "conversionWindow must be between 1 minute (PT1M) and 366 days (P366D)");
        }
        return window;
    }

    private static FunnelDefinition read(ResultSet rs) throws SQLException {
        Array steps = rs.getArray("steps");
        return new FunnelDefinition(rs.getString("funnel_key"), rs.getString("name"),
                List.of((String[]) steps.getArray()), Duration.ofSeconds(rs.getLong("conversion_window_seconds")),
                false);
    }

    static ResponseStatusException badRequest(String message) {
        return new ResponseStatusException(HttpStatus.BAD_REQUEST, message);
    }

    private static Refused refused(String field, String message) {
        return new Refused(field, message);
    }

    /** A definition refused for one of its fields: a 400 to the API, a message by that field on the page. */
    static final class Refused extends ResponseStatusException {

        private final String field;

        Refused(String field, String message) {
            super(HttpStatus.BAD_REQUEST, message);
            this.field = field;
        }

        /** {@code key}, {@code name}, {@code steps} or {@code conversionWindow}. */
        String field() {
            return field;
        }
    }
}
