package com.chatnation.crm.projections.queries;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static com.chatnation.crm.projections.queries.Rows.instant;

/**
 * What one contact did besides talking: their survey responses (with the questions' texts of the version they
 * answered) and their tickets and reservations, newest first, within one organization. Each list walks the
 * contact's own index ({@code survey_responses_contact}, {@code tickets_contact}, {@code ticket_reservations_contact}).
 */
@Repository
public class ContactActivityQueries {

    /** A question as the survey's version asked it and the answer as people read it. */
    public record Answer(String question, String answer) {
    }

    public record SurveyResponseRow(String id, String surveyId, String surveyTitle, String status, Instant startedAt,
                                    Instant completedAt, Instant abandonedAt, int answeredCount, List<Answer> answers) {
    }

    public record TicketRow(String code, String eventName, String ticketTypeName, BigDecimal price, String currency,
                            String status, Instant issuedAt) {
    }

    /** A reservation that did not (yet) become tickets: reserved, expired or cancelled. */
    public record ReservationRow(String id, String eventName, String ticketTypeName, int quantity, BigDecimal total,
                                 String currency, String status, Instant createdAt, Instant expiresAt) {
    }

    private final NamedParameterJdbcTemplate jdbc;
    private final ObjectMapper json;

    public ContactActivityQueries(NamedParameterJdbcTemplate jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    public List<SurveyResponseRow> surveyResponses(String organizationId, UUID contactId, int limit) {
        return jdbc.query("""
                SELECT r.id, r.survey_id, s.title, r.status, r.started_at, r.completed_at, r.abandoned_at,
                       r.answered_count,
                       (SELECT coalesce(jsonb_agg(jsonb_build_array(coalesce(q.value ->> 'text', q.value ->> 'id'),
                                                                    r.answers ->> (q.value ->> 'id'))
                                                  ORDER BY q.position), '[]'::jsonb)
                        FROM jsonb_array_elements(coalesce(v.definition -> 'questions', '[]'::jsonb))
                             WITH ORDINALITY AS q(value, position)
                        WHERE r.answers -> (q.value ->> 'id') IS NOT NULL) AS answered
                FROM survey_responses r
                LEFT JOIN surveys s ON s.id = r.survey_id AND s.organization_id = r.organization_id
                LEFT JOIN survey_versions v ON v.survey_id = r.survey_id AND v.version = r.survey_version
                WHERE r.contact_id = :contact AND r.organization_id = :org
                ORDER BY r.started_at DESC, r.id DESC LIMIT :limit""", params(organizationId, contactId, limit),
                (rs, n) -> new SurveyResponseRow(rs.getString("id"), rs.getString("survey_id"), rs.getString("title"),
                        rs.getString("status"), instant(rs, "started_at"), instant(rs, "completed_at"),
                        instant(rs, "abandoned_at"), rs.getInt("answered_count"),
                        answers(Rows.json(json, rs, "answered"))));
    }

    public List<TicketRow> tickets(String organizationId, UUID contactId, int limit) {
        return jdbc.query("""
                SELECT t.ticket_code, e.name AS event_name, tt.name AS type_name, t.price, t.currency, t.status,
                       t.issued_at
                FROM tickets t
                LEFT JOIN events e ON e.id = t.event_id
                LEFT JOIN ticket_types tt ON tt.event_id = t.event_id AND tt.id = t.ticket_type_id
                WHERE t.contact_id = :contact AND t.organization_id = :org
                ORDER BY t.issued_at DESC, t.ticket_code LIMIT :limit""", params(organizationId, contactId, limit),
                (rs, n) -> new TicketRow(rs.getString("ticket_code"), rs.getString("event_name"),
                        rs.getString("type_name"), rs.getBigDecimal("price"), rs.getString("currency"),
                        rs.getString("status"), instant(rs, "issued_at")));
    }

    public List<ReservationRow> openReservations(String organizationId, UUID contactId, int limit) {
        return jdbc.query("""
                SELECT r.id, e.name AS event_name, tt.name AS type_name, r.quantity, r.total, r.currency, r.status,
                       r.created_at, r.expires_at
                FROM ticket_reservations r
                LEFT JOIN events e ON e.id = r.event_id
                LEFT JOIN ticket_types tt ON tt.event_id = r.event_id AND tt.id = r.ticket_type_id
                WHERE r.contact_id = :contact AND r.organization_id = :org AND r.status <> 'issued'
                ORDER BY r.created_at DESC, r.id DESC LIMIT :limit""", params(organizationId, contactId, limit),
                (rs, n) -> new ReservationRow(rs.getString("id"), rs.getString("event_name"),
                        rs.getString("type_name"), rs.getInt("quantity"), rs.getBigDecimal("total"),
                        rs.getString("currency"), rs.getString("status"), instant(rs, "created_at"),
                        instant(rs, "expires_at")));
    }

    private static MapSqlParameterSource params(String organizationId, UUID contactId, int limit) {
        return new MapSqlParameterSource("org", organizationId).addValue("contact", contactId)
                .addValue("limit", limit);
    }

    private static List<Answer> answers(JsonNode pairs) {
        List<Answer> answers = new ArrayList<>();
        if (pairs != null) {
            for (JsonNode pair : pairs) {
                answers.add(new Answer(pair.path(0).asText(""), pair.path(1).isNull() ? "" : pair.path(1).asText("")));
            }
        }
        return List.copyOf(answers);
    }
}
