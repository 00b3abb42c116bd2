package com.chatnation.crm.application.contacts;

import com.chatnation.crm.domain.common.DomainRuleViolation;
import com.chatnation.crm.domain.contact.ContactFields;
import com.chatnation.crm.projections.queries.AudienceCondition;
import com.chatnation.crm.projections.queries.EngagementQueries;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import static com.chatnation.crm.application.platform.web.DashboardRequests.badRequest;

/**
 * An organization's saved audiences, kept in {@code crm_config.audiences}. Like funnel definitions they are
 * configuration rather than domain events: an audience is a question asked of the read tables, answered afresh
 * each time (a preview now, the recipients when a broadcast starts), so saving one changes nothing that happened.
 */
@Service
public class AudienceDefinitions {

    static final int MAX_CONDITIONS = 10;
    static final int MAX_TAGS_PER_CONDITION = 20;
    static final int MAX_NAME_LENGTH = 100;
    static final int MAX_ID_LENGTH = 64;
    private static final TypeReference<List<AudienceCondition>> CONDITIONS = new TypeReference<>() {
    };

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;
    private final Clock clock = Clock.systemUTC();

    AudienceDefinitions(JdbcTemplate jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** The organization's saved audiences, newest first. */
    public List<Audience> list(String organizationId) {
        return jdbc.query("""
                        SELECT id, name, filter, created_at, updated_at FROM crm_config.audiences
                        WHERE organization_id = ? ORDER BY created_at DESC, id""",
                (rs, n) -> read(rs), organizationId);
    }

    /** Whether the organization has this saved audience (broadcasts name one). */
    public boolean exists(String organizationId, UUID id) {
        return find(organizationId, id).isPresent();
    }

    /** The saved audience's conditions, as a broadcast resolves them when it starts. */
    public Optional<List<AudienceCondition>> conditions(String organizationId, UUID id) {
        return find(organizationId, id).map(Audience::conditions);
    }

    Optional<Audience> find(String organizationId, UUID id) {
        return jdbc.query("""
                        SELECT id, name, filter, created_at, updated_at FROM crm_config.audiences
                        WHERE organization_id = ? AND id = ?""",
                (rs, n) -> read(rs), organizationId, id).stream().findFirst();
    }

    Audience create(String organizationId, String name, List<AudienceCondition> conditions) {
        String checkedName = name(name);
        List<AudienceCondition> checked = conditions(conditions);
        Instant now = clock.instant();
        UUID id = UUID.randomUUID();
        jdbc.update("""
                        INSERT INTO crm_config.audiences (id, organization_id, name, filter, created_at, updated_at)
                        VALUES (?, ?, ?, ?::jsonb, ?, ?)""",
                id, organizationId, checkedName, write(checked), now.atOffset(ZoneOffset.UTC), now.atOffset(ZoneOffset.UTC));
        return new Audience(id, checkedName, checked, now, now);
    }

    Optional<Audience> replace(String organizationId, UUID id, String name, List<AudienceCondition> conditions) {
        String checkedName = name(name);
        List<AudienceCondition> checked = conditions(conditions);
        int updated = jdbc.update("""
                        UPDATE crm_config.audiences SET name = ?, filter = ?::jsonb, updated_at = ?
                        WHERE organization_id = ? AND id = ?""",
                checkedName, write(checked), clock.instant().atOffset(ZoneOffset.UTC), organizationId, id);
        return updated == 0 ? Optional.empty() : find(organizationId, id);
    }

    boolean delete(String organizationId, UUID id) {
        return jdbc.update("DELETE FROM crm_config.audiences WHERE organization_id = ? AND id = ?",
                organizationId, id) > 0;
    }

    private static String name(String name) {
        if (name == null || name.isBlank() || name.strip().length() > MAX_NAME_LENGTH) {
            throw badRequest("name is required (at most " + MAX_NAME_LENGTH + " characters)");
        }
        return name.strip();
    }

    /** The conditions checked and normalized (tags in lowercase), or a 400 naming the first bad one. */
    static List<AudienceCondition> conditions(List<AudienceCondition> conditions) {
        if (conditions == null) {
            return List.of();
        }
        if (conditions.size() > MAX_CONDITIONS) {
            throw badRequest("an audience has at most " + MAX_CONDITIONS + " conditions");
        }
        List<AudienceCondition> checked = new ArrayList<>();
        for (int i = 0; i < conditions.size(); i++) {
            checked.add(condition("conditions[" + i + "]", conditions.get(i)));
        }
        return List.copyOf(checked);
    }

    private static AudienceCondition condition(String at, AudienceCondition condition) {
        if (condition instanceof AudienceCondition.HasTag tag) {
            if (tag.tags() == null || tag.tags().isEmpty() || tag.tags().size() > MAX_TAGS_PER_CONDITION) {
                throw badRequest(at + ".tags must list 1 to " + MAX_TAGS_PER_CONDITION + " tags");
            }
            Set<String> tags = new LinkedHashSet<>();
            for (String raw : tag.tags()) {
                tags.add(checked(at, () -> ContactFields.tag(raw)));
            }
            return new AudienceCondition.HasTag(List.copyOf(tags));
        }
        if (condition instanceof AudienceCondition.AttributeEquals attribute) {
            String key = checked(at, () -> ContactFields.attributeKey(attribute.key()));
            String value = checked(at, () -> ContactFields.attributeValue(key, attribute.value()));
            return new AudienceCondition.AttributeEquals(key, value);
        }
        if (condition instanceof AudienceCondition.SurveyRespondents survey) {
            String surveyId = id(at + ".surveyId", survey.surveyId(), true);
            String questionId = id(at + ".questionId", survey.questionId(), false);
            String answer = survey.answer() == null || survey.answer().isBlank() ? null : survey.answer().strip();
            if (answer != null && questionId == null) {
                throw badRequest(at + ".answer needs the questionId it answers");
            }
            if (answer != null && answer.length() > ContactFields.MAX_VALUE_LENGTH) {
                throw badRequest(at + ".answer is longer than " + ContactFields.MAX_VALUE_LENGTH + " characters");
            }
            return new AudienceCondition.SurveyRespondents(surveyId, questionId, answer);
        }
        if (condition instanceof AudienceCondition.EventParticipants event) {
            return new AudienceCondition.EventParticipants(id(at + ".eventId", event.eventId(), true));
        }
        if (condition instanceof AudienceCondition.ActiveSince active) {
            if (active.since() == null) {
                throw badRequest(at + ".since is required (an ISO-8601 time)");
            }
            return active;
        }
        if (condition instanceof AudienceCondition.HasConsent consent) {
            String status = consent.status() == null ? "" : consent.status().strip().toLowerCase(Locale.ROOT);
            if (!status.equals("opted_in") && !status.equals("opted_out")) {
                throw badRequest(at + ".status must be opted_in or opted_out");
            }
            return new AudienceCondition.HasConsent(status);
        }
        if (condition instanceof AudienceCondition.EngagementSegment engagement) {
            String segment = engagement.segment() == null ? ""
                    : engagement.segment().strip().toLowerCase(Locale.ROOT);
            if (!EngagementQueries.SEGMENTS.contains(segment)) {
                throw badRequest(at + ".segment must be one of " + String.join(", ", EngagementQueries.SEGMENTS));
            }
            return new AudienceCondition.EngagementSegment(segment);
        }
        throw badRequest(at + " is missing; each condition has a type: tag, attribute, survey, event, "
                + "active_since, consent or engagement");
    }

    private static String id(String at, String value, boolean required) {
        if (value == null || value.isBlank()) {
            if (required) {
                throw badRequest(at + " is required");
            }
            return null;
        }
        if (value.strip().length() > MAX_ID_LENGTH) {
            throw badRequest(at + " is longer than " + MAX_ID_LENGTH + " characters");
        }
        return value.strip();
    }

    private static String checked(String at, java.util.function.Supplier<String> check) {
        try {
            return check.get();
        } catch (DomainRuleViolation invalid) {
            throw badRequest(at + ": " + invalid.getMessage());
        }
    }

    private String write(List<AudienceCondition> conditions) {
        try {
            return json.writerFor(CONDITIONS).writeValueAsString(conditions);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("could not write an audience's conditions", e);
        }
    }

    private Audience read(ResultSet rs) throws SQLException {
        try {
            List<AudienceCondition> conditions = json.readValue(rs.getString("filter"), CONDITIONS);
            return new Audience(rs.getObject("id", UUID.class), rs.getString("name"), conditions,
                    instant(rs.getTimestamp("created_at")), instant(rs.getTimestamp("updated_at")));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("crm_config.audiences holds conditions that no longer read", e);
        }
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
