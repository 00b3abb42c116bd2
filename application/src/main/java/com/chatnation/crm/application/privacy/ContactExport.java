package com.chatnation.crm.application.privacy;

import com.chatnation.crm.application.platform.privacy.ContactDirectory;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A data subject's access request: everything the organization holds about one contact, as one JSON document. The
 * read tables hold every personal value the events do (opened), so the document is built from them, one section per
 * table, each row as the table has it; plus when the contact's keys were made, which is when they were first seen.
 */
@Service
class ContactExport {

    /** Table, and the condition that picks the contact's rows (the contact id is the only parameter). */
    private static final Map<String, String> SECTIONS = sections();

    private final JdbcTemplate jdbc;
    private final ContactDirectory directory;
    private final ObjectMapper json;

    ContactExport(JdbcTemplate jdbc, ContactDirectory directory, ObjectMapper json) {
        this.jdbc = jdbc;
        this.directory = directory;
        this.json = json;
    }

    private static Map<String, String> sections() {
        Map<String, String> sections = new LinkedHashMap<>();
        sections.put("contact", "contacts WHERE id = ?::uuid");
        sections.put("conversations", "conversations WHERE contact_id = ?::uuid ORDER BY started_at");
        sections.put("messages", "messages WHERE contact_id = ?::uuid ORDER BY created_at, id");
        sections.put("surveyResponses", "survey_responses WHERE contact_id = ?::uuid ORDER BY started_at");
        sections.put("surveyAttachments", """
                response_attachments WHERE response_id IN (SELECT id FROM survey_responses WHERE contact_id = ?::uuid)""");
        sections.put("ticketReservations", "ticket_reservations WHERE contact_id = ?::uuid ORDER BY created_at");
        sections.put("tickets", "tickets WHERE contact_id = ?::uuid ORDER BY issued_at");
        sections.put("eventParticipation", "participants WHERE contact_id = ?::uuid ORDER BY registered_at");
        sections.put("journey", "journey_events WHERE contact_id = ?::uuid ORDER BY occurred_at, event_id");
        sections.put("questionsToTheBot", "rag_query_logs WHERE contact_id = ?::uuid ORDER BY asked_at, id");
        sections.put("pollVotes", "poll_votes WHERE contact_id = ?::uuid ORDER BY voted_at, poll_id");
        return sections;
    }

    JsonNode export(String organizationId, String contactId) {
        if (!directory.knows(organizationId, contactId)) {
            throw new UnknownContact(contactId);
        }
        ObjectNode document = json.createObjectNode();
        document.put("organizationId", organizationId);
        document.put("contactId", contactId);
        document.put("exportedAt", Instant.now().toString());
        for (Map.Entry<String, String> section : SECTIONS.entrySet()) {
            String rows = jdbc.queryForObject("SELECT coalesce(jsonb_agg(to_jsonb(t)), '[]'::jsonb)::text FROM (SELECT * FROM "
                    + section.getValue() + ") t WHERE t.organization_id = ?", String.class, contactId, organizationId);
            JsonNode value = parse(rows);
            document.set(section.getKey(), "contact".equals(section.getKey())
                    ? (value.isEmpty() ? json.nullNode() : value.get(0)) : value);
        }
        document.set("dataKeys", parse(jdbc.queryForObject("""
                SELECT coalesce(jsonb_agg(jsonb_build_object('period', period, 'createdAt', created_at)
                                          ORDER BY created_at), '[]'::jsonb)::text
                FROM personal_data_keys WHERE contact_id = ?""", String.class, contactId)));
        return document;
    }

    private JsonNode parse(String text) {
        try {
            return json.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
