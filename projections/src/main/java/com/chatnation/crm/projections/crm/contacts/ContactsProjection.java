package com.chatnation.crm.projections.crm.contacts;

import com.chatnation.crm.domain.conversation.ContactErased;
import com.chatnation.crm.domain.conversation.ContactOptedIn;
import com.chatnation.crm.domain.conversation.ContactOptedOut;
import com.chatnation.crm.projections.jdbc.ReadModelJdbc;
import com.chatnation.crm.domain.conversation.ConversationStarted;
import com.chatnation.crm.domain.conversation.MessageReceived;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.List;

import static com.chatnation.crm.projections.crm.ReadModelSupport.utc;

/**
 * Maintains {@code contacts} from the conversation streams. A contact has one stream per organization, so the
 * stream's sequence number ({@code last_sequence}) tells an event already applied from a new one: redelivered
 * events neither count twice nor move timestamps back.
 */
@Component
@ProcessingGroup(ContactsProjection.GROUP)
public class ContactsProjection {

    public static final String GROUP = "crm-contacts";
    public static final List<String> TABLES = List.of("contacts");

    private final JdbcTemplate jdbc;

    public ContactsProjection(@ReadModelJdbc JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public static List<String> tables() {
        return TABLES;
    }

    /** An erased contact leaves no row: the counts that must survive live in the analytics tables. */
    @EventHandler
    void on(ContactErased event) {
        jdbc.update("DELETE FROM contacts WHERE id = ?", ContactIds.of(event.contactId()));
    }

    @EventHandler
    void on(ConversationStarted event, @SequenceNumber long sequence, @Timestamp Instant at) {
        Instant seen = event.startedAt() != null ? event.startedAt() : at;
        touch(event.organizationId(), event.contactId(), event.contactPhone(), event.profileName(), seen, sequence, at, 0, 1);
    }

    @EventHandler
    void on(MessageReceived event, @SequenceNumber long sequence, @Timestamp Instant at) {
        Instant seen = event.sentAt() != null ? event.sentAt() : at;
        touch(event.organizationId(), event.contactId(), event.contactPhone(), event.profileName(), seen, sequence, at, 1, 0);
    }

    @EventHandler
    void on(ContactOptedOut event, @SequenceNumber long sequence, @Timestamp Instant at) {
        consent(event.organizationId(), event.contactId(), false, event.source(), event.at() != null ? event.at() : at,
                sequence, at);
    }

    @EventHandler
    void on(ContactOptedIn event, @SequenceNumber long sequence, @Timestamp Instant at) {
        consent(event.organizationId(), event.contactId(), true, event.source(), event.at() != null ? event.at() : at,
                sequence, at);
    }

    /** A contact may state consent (Meta's preferences) before ever writing: the row then starts with no messages. */
    private void consent(String organizationId, String contactId, boolean optedIn, String source, Instant changedAt,
                         long sequence, Instant at) {
        jdbc.update("""
                        INSERT INTO contacts (id, organization_id, first_seen_at, last_seen_at, message_count,
                                              conversation_count, last_sequence, created_at, updated_at,
                                              marketing_opt_in, consent_source, consent_changed_at)
                        VALUES (?, ?, ?, ?, 0, 0, ?, ?, ?, ?, ?, ?)
                        ON CONFLICT (id) DO UPDATE SET
                            marketing_opt_in = excluded.marketing_opt_in,
                            consent_source = excluded.consent_source,
                            consent_changed_at = excluded.consent_changed_at,
                            last_sequence = excluded.last_sequence,
                            updated_at = GREATEST(contacts.updated_at, excluded.updated_at)
                        WHERE contacts.last_sequence < excluded.last_sequence""",
                ContactIds.of(contactId), organizationId, utc(changedAt), utc(changedAt), sequence, utc(at), utc(at),
                optedIn, source, utc(changedAt));
    }

    private void touch(String organizationId, String contactId, String phone, String name, Instant seen, long sequence, Instant at,
                       int messages, int conversations) {
        jdbc.update("""
                        INSERT INTO contacts (id, organization_id, phone, name, first_seen_at, last_seen_at,
                                              message_count, conversation_count, last_sequence, created_at, updated_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                        ON CONFLICT (id) DO UPDATE SET
                            phone = COALESCE(excluded.phone, contacts.phone),
                            name = COALESCE(excluded.name, contacts.name),
                            first_seen_at = LEAST(contacts.first_seen_at, excluded.first_seen_at),
                            last_seen_at = GREATEST(contacts.last_seen_at, excluded.last_seen_at),
                            message_count = contacts.message_count + excluded.message_count,
                            conversation_count = contacts.conversation_count + excluded.conversation_count,
                            last_sequence = excluded.last_sequence,
                            updated_at = GREATEST(contacts.updated_at, excluded.updated_at)
                        WHERE contacts.last_sequence < excluded.last_sequence""",
                ContactIds.of(contactId), organizationId, phone, blankToNull(name), utc(seen), utc(seen),
                messages, conversations, sequence, utc(at), utc(at));
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
