package com.chatnation.crm.projections.queries;

import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static com.chatnation.crm.projections.queries.Rows.instant;

/** A contact's tags, attributes, consent and import, read from the profile tables of one organization. */
@Repository
public class ContactProfileQueries {

    public record Consent(String status, String source, Instant recordedAt) {
    }

    /** A contact known only from an import: the number and name it brought. */
    public record Imported(String phone, String name, Instant importedAt) {
    }

    public record Profile(List<String> tags, Map<String, String> attributes, Consent consent, Imported imported) {
    }

    private final NamedParameterJdbcTemplate jdbc;

    public ContactProfileQueries(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Profile profile(String organizationId, UUID contactId) {
        MapSqlParameterSource params = new MapSqlParameterSource("org", organizationId).addValue("id", contactId);
        List<String> tags = jdbc.queryForList(
                "SELECT tag FROM contact_tags WHERE organization_id = :org AND contact_id = :id ORDER BY tag",
                params, String.class);
        Map<String, String> attributes = new LinkedHashMap<>();
        jdbc.query("SELECT key, value FROM contact_attributes WHERE organization_id = :org AND contact_id = :id "
                + "ORDER BY key", params, rs -> {
            attributes.put(rs.getString("key"), rs.getString("value"));
        });
        Consent consent = jdbc.query("SELECT status, source, recorded_at FROM contact_consent "
                        + "WHERE organization_id = :org AND contact_id = :id", params,
                (rs, n) -> new Consent(rs.getString("status"), rs.getString("source"), instant(rs, "recorded_at")))
                .stream().findFirst().orElse(null);
        return new Profile(tags, attributes, consent, imported(organizationId, contactId).orElse(null));
    }

    public Optional<Imported> imported(String organizationId, UUID contactId) {
        return jdbc.query("SELECT phone, name, imported_at FROM contact_profiles "
                        + "WHERE organization_id = :org AND contact_id = :id",
                new MapSqlParameterSource("org", organizationId).addValue("id", contactId),
                (rs, n) -> new Imported(rs.getString("phone"), rs.getString("name"), instant(rs, "imported_at")))
                .stream().findFirst();
    }

    /**
     * The tags the organization's contacts hold, in order, at most {@code limit}: each is one probe of
     * {@code contact_tags_organization_tag} for the next tag, however many contacts hold them.
     */
    public List<String> organizationTags(String organizationId, int limit) {
        return jdbc.queryForList("""
                WITH RECURSIVE held(tag) AS (
                    (SELECT tag FROM contact_tags WHERE organization_id = :org ORDER BY tag LIMIT 1)
                    UNION ALL
                    SELECT (SELECT t.tag FROM contact_tags t WHERE t.organization_id = :org AND t.tag > held.tag
                            ORDER BY t.tag LIMIT 1)
                    FROM held WHERE held.tag IS NOT NULL
                )
                SELECT tag FROM held WHERE tag IS NOT NULL LIMIT :limit""",
                new MapSqlParameterSource("org", organizationId).addValue("limit", limit), String.class);
    }
}
