package com.chatnation.crm.projections.queries;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

import static com.chatnation.crm.projections.queries.Rows.instant;
import static com.chatnation.crm.projections.queries.Rows.likeLiteral;

/**
 * Reads {@code contacts} and their sessions in {@code conversations} for one organization. Every statement names
 * {@code organization_id}, so an id of another organization's row reads as absent.
 */
@Repository
public class ContactQueries {

    /** Digits with an optional leading + and the separators people type: a phone search. */
    private static final Pattern PHONE_LIKE = Pattern.compile("^\\+?[0-9][0-9 ().-]*$");

    public record ContactRow(UUID id, String phone, String name, Instant firstSeenAt, Instant lastSeenAt,
                             int messageCount, int conversationCount, Boolean marketingOptIn, String consentSource,
                             Instant consentChangedAt) {
        Cursor cursor() {
            return Cursor.of(lastSeenAt, id.toString());
        }
    }

    public record SessionRow(String id, String status, String currentState, String currentStep,
                             String currentModule, Instant startedAt, Instant lastMessageAt, Instant endedAt,
                             String endReason, int messageCount, int inboundCount, int outboundCount,
                             Instant windowClosesAt) {
        Cursor cursor() {
            return Cursor.of(startedAt, id);
        }
    }

    /** What {@code q} searches: a phone number prefix, a part of the name, or nothing. */
    public sealed interface Search {
        record PhonePrefix(String e164Prefix) implements Search {
        }

        record NameContains(String text) implements Search {
        }

        record Everyone() implements Search {
        }

        /**
         * What a search box's text means: nothing, a phone number prefix (digits, with or without + and
         * separators; contacts are stored in E.164) or a part of the name.
         */
        static Search of(String text) {
            if (text == null || text.isBlank()) {
                return new Everyone();
            }
            String query = text.strip();
            if (PHONE_LIKE.matcher(query).matches()) {
                return new PhonePrefix("+" + query.replaceAll("[^0-9]", ""));
            }
            return new NameContains(query);
        }
    }

    private static final String CONTACT_COLUMNS =
            "id, phone, name, first_seen_at, last_seen_at, message_count, conversation_count, marketing_opt_in, "
                    + "consent_source, consent_changed_at";

    private static final RowMapper<ContactRow> CONTACT = (rs, n) -> new ContactRow(rs.getObject("id", UUID.class),
            rs.getString("phone"), rs.getString("name"), instant(rs, "first_seen_at"), instant(rs, "last_seen_at"),
            rs.getInt("message_count"), rs.getInt("conversation_count"), rs.getObject("marketing_opt_in", Boolean.class),
            rs.getString("consent_source"), instant(rs, "consent_changed_at"));

    private static final RowMapper<SessionRow> SESSION = (rs, n) -> new SessionRow(rs.getString("id"),
            rs.getString("status"), rs.getString("current_state"), rs.getString("current_step"),
            rs.getString("current_module"), instant(rs, "started_at"), instant(rs, "last_message_at"),
            instant(rs, "ended_at"), rs.getString("end_reason"), rs.getInt("message_count"),
            rs.getInt("inbound_count"), rs.getInt("outbound_count"), instant(rs, "window_closes_at"));

    private final NamedParameterJdbcTemplate jdbc;

    public ContactQueries(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Contacts matching the search, most recently active first. A phone prefix uses
     * {@code contacts_organization_phone_prefix}; otherwise {@code contacts_organization_activity} is walked in
     * order, filtered by name, until the page is full.
     *
     * @param after the last contact of the previous page, or null; its key must be the contact id
     */
    public Page<ContactRow> search(String organizationId, Search search, Cursor after, int limit) {
        return search(organizationId, search, null, after, limit);
    }

    /**
     * As {@link #search(String, Search, Cursor, int)}, narrowed to the contacts holding {@code tag} (as stored:
     * lowercase) when it is not null; each candidate's tag is looked up by {@code contact_tags}' key.
     */
    public Page<ContactRow> search(String organizationId, Search search, String tag, Cursor after, int limit) {
        MapSqlParameterSource params = new MapSqlParameterSource("org", organizationId).addValue("limit", limit + 1);
        StringBuilder sql = new StringBuilder("SELECT " + CONTACT_COLUMNS + " FROM contacts WHERE organization_id = :org");
        if (search instanceof Search.PhonePrefix phone) {
            sql.append(" AND phone LIKE :phone ESCAPE '\\'");
            params.addValue("phone", likeLiteral(phone.e164Prefix()) + "%");
        } else if (search instanceof Search.NameContains name) {
            sql.append(" AND name ILIKE :name ESCAPE '\\'");
            params.addValue("name", "%" + likeLiteral(name.text()) + "%");
        }
        if (tag != null) {
            sql.append(" AND EXISTS (SELECT 1 FROM contact_tags t WHERE t.contact_id = contacts.id AND t.tag = :tag"
                    + " AND t.organization_id = :org)");
            params.addValue("tag", tag);
        }
        if (after != null) {
            sql.append(" AND (last_seen_at, id) < (:afterAt, :afterId)");
            params.addValue("afterAt", after.at()).addValue("afterId", uuid(after.key()));
        }
        sql.append(" ORDER BY last_seen_at DESC, id DESC LIMIT :limit");
        return Page.of(jdbc.query(sql.toString(), params, CONTACT), limit, ContactRow::cursor);
    }

    public Optional<ContactRow> contact(String organizationId, UUID contactId) {
        return jdbc.query("SELECT " + CONTACT_COLUMNS + " FROM contacts WHERE organization_id = :org AND id = :id",
                new MapSqlParameterSource("org", organizationId).addValue("id", contactId), CONTACT).stream().findFirst();
    }

    /** A contact's sessions, newest first ({@code conversations_organization_contact_started}). */
    public Page<SessionRow> sessions(String organizationId, UUID contactId, Cursor after, int limit) {
        MapSqlParameterSource params = new MapSqlParameterSource("org", organizationId)
                .addValue("contact", contactId).addValue("limit", limit + 1);
        String keyset = "";
        if (after != null) {
            keyset = " AND (started_at, id) < (:afterAt, :afterId)";
            params.addValue("afterAt", after.at()).addValue("afterId", after.key());
        }
        List<SessionRow> rows = jdbc.query("""
                SELECT id, status, current_state, current_step, current_module, started_at, last_message_at, ended_at,
                       end_reason, message_count, inbound_count, outbound_count, window_closes_at
                FROM conversations
                WHERE organization_id = :org AND contact_id = :contact""" + keyset + " ORDER BY started_at DESC, id DESC LIMIT :limit", params, SESSION);
        return Page.of(rows, limit, SessionRow::cursor);
    }

    /** One of the contact's sessions; empty when the session is another contact's or another organization's. */
    public Optional<SessionRow> session(String organizationId, UUID contactId, String conversationId) {
        return jdbc.query("""
                SELECT id, status, current_state, current_step, current_module, started_at, last_message_at, ended_at,
                       end_reason, message_count, inbound_count, outbound_count, window_closes_at
                FROM conversations
                WHERE organization_id = :org AND id = :id AND contact_id = :contact""",
                new MapSqlParameterSource("org", organizationId).addValue("id", conversationId)
                        .addValue("contact", contactId), SESSION).stream().findFirst();
    }

    private static UUID uuid(String key) {
        try {
            return UUID.fromString(key);
        } catch (IllegalArgumentException e) {
            throw new InvalidCursorException();
        }
    }
}
