package com.chatnation.crm.projections.crm.profiles;

import com.chatnation.crm.domain.contact.ContactAttributeRemoved;
import com.chatnation.crm.domain.contact.ContactAttributeSet;
import com.chatnation.crm.domain.contact.ContactConsentRecorded;
import com.chatnation.crm.domain.contact.ContactImported;
import com.chatnation.crm.domain.contact.ContactProfileErased;
import com.chatnation.crm.domain.contact.ContactTagged;
import com.chatnation.crm.domain.contact.ContactUntagged;
import com.chatnation.crm.domain.conversation.ContactErased;
import com.chatnation.crm.projections.crm.contacts.ContactIds;
import com.chatnation.crm.projections.jdbc.ReadModelJdbc;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.Timestamp;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import static com.chatnation.crm.projections.crm.ReadModelSupport.utc;

/**
 * Maintains the contacts' tags, attributes, consent and imported numbers from their profile streams. Every write
 * sets a state rather than counting, so a redelivered batch, applied again in order, ends where it did. An erased
 * contact (by either stream: a contact who never wrote has no conversation) leaves no row; a rebuild reads their
 * sealed values as null and deletes them again at the erasure.
 */
@Component
@ProcessingGroup(ContactProfilesProjection.GROUP)
public class ContactProfilesProjection {

    public static final String GROUP = "crm-contact-profiles";
    public static final List<String> TABLES = List.of("contact_profiles", "contact_tags", "contact_attributes",
            "contact_consent");

    private final JdbcTemplate jdbc;

    public ContactProfilesProjection(@ReadModelJdbc JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(ContactImported event, @Timestamp Instant at) {
        jdbc.update("""
                        INSERT INTO contact_profiles (contact_id, organization_id, phone, name, import_id, imported_at,
                                                      updated_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?)
                        ON CONFLICT (contact_id) DO UPDATE SET phone = COALESCE(excluded.phone, contact_profiles.phone),
                            name = COALESCE(excluded.name, contact_profiles.name), import_id = excluded.import_id,
                            updated_at = excluded.updated_at""",
                ContactIds.of(event.contactId()), event.organizationId(), event.phone(), event.name(), event.importId(),
                utc(at), utc(at));
    }

    @EventHandler
    void on(ContactTagged event, @Timestamp Instant at) {
        jdbc.update("""
                        INSERT INTO contact_tags (contact_id, organization_id, tag, tagged_at) VALUES (?, ?, ?, ?)
                        ON CONFLICT (contact_id, tag) DO NOTHING""",
                ContactIds.of(event.contactId()), event.organizationId(), event.tag(), utc(at));
    }

    @EventHandler
    void on(ContactUntagged event) {
        jdbc.update("DELETE FROM contact_tags WHERE contact_id = ? AND tag = ?", ContactIds.of(event.contactId()),
                event.tag());
    }

    @EventHandler
    void on(ContactAttributeSet event, @Timestamp Instant at) {
        jdbc.update("""
                        INSERT INTO contact_attributes (contact_id, organization_id, key, value, updated_at)
                        VALUES (?, ?, ?, ?, ?)
                        ON CONFLICT (contact_id, key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at""",
                ContactIds.of(event.contactId()), event.organizationId(), event.key(), event.value(), utc(at));
    }

    @EventHandler
    void on(ContactAttributeRemoved event) {
        jdbc.update("DELETE FROM contact_attributes WHERE contact_id = ? AND key = ?", ContactIds.of(event.contactId()),
                event.key());
    }

    @EventHandler
    void on(ContactConsentRecorded event, @Timestamp Instant at) {
        Instant recorded = event.recordedAt() != null ? event.recordedAt() : at;
        jdbc.update("""
                        INSERT INTO contact_consent (contact_id, organization_id, status, source, recorded_at)
                        VALUES (?, ?, ?, ?, ?)
                        ON CONFLICT (contact_id) DO UPDATE SET status = excluded.status, source = excluded.source,
                            recorded_at = excluded.recorded_at""",
                ContactIds.of(event.contactId()), event.organizationId(),
                event.status().name().toLowerCase(Locale.ROOT), event.source().name().toLowerCase(Locale.ROOT),
                utc(recorded));
    }

    @EventHandler
    void on(ContactProfileErased event) {
        forget(ContactIds.of(event.contactId()));
    }

    @EventHandler
    void on(ContactErased event) {
        forget(ContactIds.of(event.contactId()));
    }

    private void forget(UUID contactId) {
        jdbc.update("DELETE FROM contact_profiles WHERE contact_id = ?", contactId);
        jdbc.update("DELETE FROM contact_tags WHERE contact_id = ?", contactId);
        jdbc.update("DELETE FROM contact_attributes WHERE contact_id = ?", contactId);
        jdbc.update("DELETE FROM contact_consent WHERE contact_id = ?", contactId);
    }
}
