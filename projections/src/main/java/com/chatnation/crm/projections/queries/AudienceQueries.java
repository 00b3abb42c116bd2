package com.chatnation.crm.projections.queries;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * The contacts an audience's conditions select, computed in SQL over the read tables at the time of asking. The
 * organization's contacts are those who wrote ({@code contacts}) and those imported ({@code contact_profiles});
 * each condition is the set of contact ids one index range gives ({@code contact_tags_organization_tag},
 * {@code contact_attributes_organization_key_value}, {@code survey_responses_organization_survey_started},
 * {@code participants_organization_event}, {@code contacts_organization_activity},
 * {@code contact_consent_organization_status}), and the audience is their intersection with the contacts, so an
 * erased contact, whose rows elsewhere may be kept under the opaque id, is never in it.
 */
@Repository
public class AudienceQueries {

    /** How many contacts a preview lists. */
    public static final int PREVIEW_SIZE = 20;

    public record Member(UUID contactId, String phone, String name) {
    }

    public record Preview(long size, List<Member> first) {
    }

    private static final RowMapper<Member> MEMBER = (rs, n) -> new Member(rs.getObject("contact_id", UUID.class),
            rs.getString("phone"), rs.getString("name"));

    static final int STREAM_FETCH_SIZE = 2_000;
    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();
    private static final com.fasterxml.jackson.core.type.TypeReference<Map<String, String>> ATTRIBUTES =
            new com.fasterxml.jackson.core.type.TypeReference<>() {
            };

    private final NamedParameterJdbcTemplate jdbc;
    private final NamedParameterJdbcTemplate streaming;

    public AudienceQueries(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
        org.springframework.jdbc.core.JdbcTemplate fetching =
                new org.springframework.jdbc.core.JdbcTemplate(jdbc.getJdbcTemplate().getDataSource());
        fetching.setFetchSize(STREAM_FETCH_SIZE);
        this.streaming = new NamedParameterJdbcTemplate(fetching);
    }

    /** The audience's size and its first contacts by id. */
    public Preview preview(String organizationId, List<AudienceCondition> conditions) {
        MapSqlParameterSource params = new MapSqlParameterSource("org", organizationId);
        String audience = audience(conditions, params);
        Long size = jdbc.queryForObject("SELECT count(*) FROM (" + audience + ") audience", params, Long.class);
        return new Preview(size == null ? 0 : size, members(organizationId, conditions, null, PREVIEW_SIZE));
    }

    /**
     * The audience's size with what a broadcast's suppression needs of it: how many contacts' latest word on
     * marketing was to stop ({@code optedOut}), and how many never said and never wrote ({@code neverAsked}: an
     * imported number). Consent as in {@link Recipient#marketingConsent()}.
     */
    public record Reach(long size, long optedOut, long neverAsked) {
    }

    /** The audience's {@link Reach} now, counted in one pass. */
    public Reach reach(String organizationId, List<AudienceCondition> conditions) {
        MapSqlParameterSource params = new MapSqlParameterSource("org", organizationId);
        String audience = audience(conditions, params);
        return jdbc.queryForObject("""
                SELECT count(*) AS size, count(*) FILTER (WHERE consent IS FALSE) AS opted_out,
                       count(*) FILTER (WHERE consent IS NULL AND NOT wrote) AS never_asked
                FROM (SELECT c.id IS NOT NULL AS wrote, """ + CONSENT + " AS consent FROM (" + audience + """
                      ) audience
                      LEFT JOIN contacts c ON c.id = audience.contact_id
                      LEFT JOIN contact_consent k ON k.contact_id = audience.contact_id) reach""", params,
                (rs, n) -> new Reach(rs.getLong("size"), rs.getLong("opted_out"), rs.getLong("never_asked")));
    }

    /**
     * A page of the audience in contact id order, after {@code after} (null for the first page), with each
     * contact's number and name from the conversation or else the import: what a send walks through.
     */
    public List<Member> members(String organizationId, List<AudienceCondition> conditions, UUID after, int limit) {
        MapSqlParameterSource params = new MapSqlParameterSource("org", organizationId).addValue("limit", limit);
        String audience = audience(conditions, params);
        String keyset = "";
        if (after != null) {
            keyset = " WHERE audience.contact_id > :after";
            params.addValue("after", after);
        }
        return jdbc.query("""
                SELECT audience.contact_id, COALESCE(c.phone, p.phone) AS phone, COALESCE(c.name, p.name) AS name
                FROM (""" + audience + """
                ) audience
                LEFT JOIN contacts c ON c.id = audience.contact_id
                LEFT JOIN contact_profiles p ON p.contact_id = audience.contact_id""" + keyset
                + " ORDER BY audience.contact_id LIMIT :limit", params, MEMBER);
    }

    /**
     * A contact as a broadcast sees it: number, name, their latest word on marketing ({@code true} opted in,
     * {@code false} opted out, {@code null} never said), whether they ever wrote to the organization, and the
     * attributes asked for.
     */
    public record Recipient(UUID contactId, String phone, String name, Boolean marketingConsent, boolean wrote,
                            Map<String, String> attributes) {
    }

    /**
     * The latest of the two places a contact's marketing consent is recorded: in conversations (opt-out words,
     * Meta's preference webhook, error 131050: {@code contacts}) and by the organization (API, import:
     * {@code contact_consent}). Whichever changed last wins.
     */
    private static final String CONSENT = """
            CASE WHEN k.recorded_at IS NOT NULL AND (c.consent_changed_at IS NULL OR k.recorded_at >= c.consent_changed_at)
                 THEN k.status = 'opted_in' ELSE c.marketing_opt_in END""";

    /**
     * Every contact of the audience with what a broadcast needs of them, in contact id order, handed to
     * {@code recipient} as the rows arrive: one pass over the audience, streamed (inside the caller's transaction
     * the rows come by cursor, {@value #STREAM_FETCH_SIZE} at a time), so 100,000 contacts neither sit in memory
     * at once nor make the audience be computed once per page.
     */
    public void forEachRecipient(String organizationId, List<AudienceCondition> conditions, Set<String> attributeKeys,
                                 Consumer<Recipient> recipient) {
        MapSqlParameterSource params = new MapSqlParameterSource("org", organizationId);
        String audience = audience(conditions, params);
        String attributes = "NULL";
        if (!attributeKeys.isEmpty()) {
            params.addValue("keys", attributeKeys);
            attributes = "(SELECT jsonb_object_agg(a.key, a.value) FROM contact_attributes a "
                    + "WHERE a.contact_id = audience.contact_id AND a.key IN (:keys) AND a.value IS NOT NULL)";
        }
        streaming.query("SELECT audience.contact_id, COALESCE(c.phone, p.phone) AS phone, "
                + "COALESCE(c.name, p.name) AS name, c.id IS NOT NULL AS wrote, " + CONSENT + " AS consent, "
                + attributes + " AS attributes FROM (" + audience + """
                ) audience
                LEFT JOIN contacts c ON c.id = audience.contact_id
                LEFT JOIN contact_profiles p ON p.contact_id = audience.contact_id
                LEFT JOIN contact_consent k ON k.contact_id = audience.contact_id
                ORDER BY audience.contact_id""", params, rs -> {
            recipient.accept(new Recipient(rs.getObject("contact_id", UUID.class), rs.getString("phone"),
                    rs.getString("name"), rs.getObject("consent", Boolean.class), rs.getBoolean("wrote"),
                    attributes(rs.getString("attributes"))));
        });
    }

    private static Map<String, String> attributes(String json) {
        if (json == null) {
            return Map.of();
        }
        try {
            return JSON.readValue(json, ATTRIBUTES);
        } catch (com.fasterxml.jackson.core.JsonProcessingException unreadable) {
            throw new IllegalStateException("unreadable attributes from contact_attributes", unreadable);
        }
    }

    /** Each contact's latest word on marketing, as in {@link Recipient#marketingConsent()}; absent: never said. */
    public Map<UUID, Boolean> marketingConsent(Collection<UUID> contactIds) {
        if (contactIds.isEmpty()) {
            return Map.of();
        }
        Map<UUID, Boolean> consent = new HashMap<>();
        jdbc.query("""
                SELECT ids.id, """ + CONSENT + """
                 AS consent
                FROM unnest(ARRAY[:ids]::uuid[]) AS ids(id)
                LEFT JOIN contacts c ON c.id = ids.id
                LEFT JOIN contact_consent k ON k.contact_id = ids.id""",
                new MapSqlParameterSource("ids", List.copyOf(contactIds)), rs -> {
                    Boolean value = rs.getObject("consent", Boolean.class);
                    if (value != null) {
                        consent.put(rs.getObject("id", UUID.class), value);
                    }
                });
        return consent;
    }

    /** The SQL selecting the audience's contact ids; every value is a named parameter added to {@code params}. */
    static String audience(List<AudienceCondition> conditions, MapSqlParameterSource params) {
        List<String> sets = new ArrayList<>();
        sets.add("SELECT id AS contact_id FROM contacts WHERE organization_id = :org "
                + "UNION SELECT contact_id FROM contact_profiles WHERE organization_id = :org");
        int n = 0;
        for (AudienceCondition condition : conditions) {
            sets.add(condition(condition, "p" + n++, params));
        }
        return "(" + String.join(") INTERSECT (", sets) + ")";
    }

    private static String condition(AudienceCondition condition, String p, MapSqlParameterSource params) {
        if (condition instanceof AudienceCondition.HasTag tag) {
            params.addValue(p, tag.tags());
            return "SELECT contact_id FROM contact_tags WHERE organization_id = :org AND tag IN (:" + p + ")";
        }
        if (condition instanceof AudienceCondition.AttributeEquals attribute) {
            params.addValue(p + "k", attribute.key()).addValue(p + "v", attribute.value());
            return "SELECT contact_id FROM contact_attributes WHERE organization_id = :org AND key = :" + p
                    + "k AND md5(lower(value)) = md5(lower(:" + p + "v)) AND lower(value) = lower(:" + p + "v)";
        }
        if (condition instanceof AudienceCondition.SurveyRespondents survey) {
            params.addValue(p + "s", survey.surveyId());
            StringBuilder sql = new StringBuilder("SELECT contact_id FROM survey_responses "
                    + "WHERE organization_id = :org AND survey_id = :" + p + "s");
            if (survey.questionId() != null) {
                params.addValue(p + "q", survey.questionId());
                sql.append(" AND answers ->> :").append(p).append("q IS NOT NULL");
                if (survey.answer() != null) {
                    params.addValue(p + "a", survey.answer());
                    sql.append(" AND lower(answers ->> :").append(p).append("q) = lower(:").append(p).append("a)");
                }
            }
            return sql.toString();
        }
        if (condition instanceof AudienceCondition.EventParticipants event) {
            params.addValue(p, event.eventId());
            return "SELECT contact_id FROM participants WHERE organization_id = :org AND event_id = :" + p;
        }
        if (condition instanceof AudienceCondition.ActiveSince active) {
            params.addValue(p, active.since().atOffset(ZoneOffset.UTC));
            return "SELECT id FROM contacts WHERE organization_id = :org AND last_seen_at >= :" + p;
        }
        if (condition instanceof AudienceCondition.HasConsent consent) {
            params.addValue(p, consent.status());
            return "SELECT contact_id FROM contact_consent WHERE organization_id = :org AND status = :" + p;
        }
        if (condition instanceof AudienceCondition.EngagementSegment engagement) {
            params.addValue(p, engagement.segment());
            return "SELECT contact_id FROM (" + EngagementQueries.classified(p, Instant.now(), params)
                    + ") engagement WHERE segment = :" + p;
        }
        throw new IllegalArgumentException("unknown audience condition " + condition);
    }
}
