package com.chatnation.crm.projections.analytics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The organizations' step sets as the analytics-custom-steps projection evaluates them, read from
 * {@code crm_config.step_sets} and kept per organization. Saving or deleting a set invalidates its organization's
 * entry at once on this instance; other instances read it again after {@link #TIME_TO_LIVE} (the backfill a change
 * starts covers what they count meanwhile).
 */
@Component
public class StepSets {

    static final Duration TIME_TO_LIVE = Duration.ofSeconds(5);
    private static final Logger log = LoggerFactory.getLogger(StepSets.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private record Entry(long loadedAt, List<StepSetDefinition> sets) {
    }

    private final JdbcTemplate jdbc;
    private final Map<String, Entry> byOrganization = new ConcurrentHashMap<>();

    public StepSets(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The organization's step sets, by key. */
    public List<StepSetDefinition> of(String organizationId) {
        long now = System.nanoTime();
        Entry entry = byOrganization.get(organizationId);
        if (entry == null || now - entry.loadedAt() > TIME_TO_LIVE.toNanos()) {
            entry = new Entry(now, load(organizationId));
            byOrganization.put(organizationId, entry);
        }
        return entry.sets();
    }

    /** Forgets what was read for the organization: its next event reads its sets again. */
    public void invalidate(String organizationId) {
        byOrganization.remove(organizationId);
    }

    private List<StepSetDefinition> load(String organizationId) {
        List<StepSetDefinition> sets = new ArrayList<>();
        jdbc.query("SELECT set_key, definition::text AS definition FROM crm_config.step_sets "
                + "WHERE organization_id = ? ORDER BY set_key", rs -> {
            String key = rs.getString("set_key");
            try {
                JsonNode definition = JSON.readTree(rs.getString("definition"));
                sets.add(StepSetDefinition.parse(key, definition));
            } catch (Exception e) {
                log.error("Step set {} of organization {} cannot be read and counts nothing: {}", key,
                        organizationId, e.getMessage());
            }
        }, organizationId);
        return List.copyOf(sets);
    }
}
