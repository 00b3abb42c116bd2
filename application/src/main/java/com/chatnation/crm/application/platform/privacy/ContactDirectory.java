package com.chatnation.crm.application.platform.privacy;

import com.chatnation.crm.domain.common.PhoneNumber;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Hands out the opaque id of an organization's contact by phone number: the id that aggregate identifiers, events
 * and read tables use instead of the number. The number is looked up by its keyed digest, and forgetting a contact
 * deletes the row, so nothing left in the log can be traced back to the number.
 *
 * <p>A new id is stored in a transaction of its own: two messages of a new contact racing on two instances both
 * insert, one wins the primary key, and both read the winner's id. Not cached, so an erasure counts on every
 * instance from the next message.
 */
@Component
public class ContactDirectory {

    private final JdbcTemplate jdbc;
    private final TransactionTemplate ownTransaction;
    private final MasterKey masterKey;

    ContactDirectory(JdbcTemplate jdbc, PlatformTransactionManager transactions, MasterKey masterKey) {
        this.jdbc = jdbc;
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.masterKey = masterKey;
    }

    /** The contact's id, a new one the first time the organization hears from this number. */
    public String contactIdFor(String organizationId, PhoneNumber phone) {
        byte[] digest = digest(organizationId, phone);
        return find(organizationId, digest).orElseGet(() -> ownTransaction.execute(status -> {
            jdbc.update("""
                    INSERT INTO contact_directory (organization_id, phone_digest, contact_id, created_at)
                    VALUES (?, ?, ?, ?) ON CONFLICT (organization_id, phone_digest) DO NOTHING""",
                    organizationId, digest, UUID.randomUUID().toString(), Timestamp.from(Instant.now()));
            return find(organizationId, digest).orElseThrow();
        }));
    }

    /** The contact's id, if the organization knows this number. */
    public Optional<String> existing(String organizationId, PhoneNumber phone) {
        return find(organizationId, digest(organizationId, phone));
    }

    /** Whether the id is one of the organization's contacts (an erased contact is not). */
    public boolean knows(String organizationId, String contactId) {
        return !jdbc.queryForList("SELECT 1 FROM contact_directory WHERE organization_id = ? AND contact_id = ?",
                Integer.class, organizationId, contactId).isEmpty();
    }

    /**
     * Unlinks the number from the id for good: a later message from it starts a new contact, and the id is
     * remembered as erased so nothing teaches it to the directory again.
     */
    public boolean forget(String organizationId, String contactId) {
        jdbc.update("INSERT INTO erased_contacts (contact_id, organization_id, erased_at) VALUES (?, ?, ?) "
                + "ON CONFLICT DO NOTHING", contactId, organizationId, Timestamp.from(Instant.now()));
        return jdbc.update("DELETE FROM contact_directory WHERE contact_id = ?", contactId) > 0;
    }

    private Optional<String> find(String organizationId, byte[] digest) {
        return jdbc.queryForList("SELECT contact_id FROM contact_directory WHERE organization_id = ? AND phone_digest = ?",
                String.class, organizationId, digest).stream().findFirst();
    }

    private byte[] digest(String organizationId, PhoneNumber phone) {
        return masterKey.digest(organizationId + ":" + phone.e164());
    }

    /**
     * Contacts first seen before the directory existed keep the id the read tables gave them (a name-based UUID
     * of organization and number): the directory learns them from the contacts table once, so their next message
     * joins their contact instead of starting a second one. Returns how many it learned.
     */
    public int learnContactsSeenBefore() {
        List<Map<String, Object>> unknown = jdbc.queryForList("""
                SELECT c.organization_id, c.phone, c.id::text AS id FROM contacts c
                WHERE c.phone IS NOT NULL
                  AND NOT EXISTS (SELECT 1 FROM contact_directory d WHERE d.contact_id = c.id::text)
                  AND NOT EXISTS (SELECT 1 FROM erased_contacts e WHERE e.contact_id = c.id::text)""");
        int learned = 0;
        for (Map<String, Object> contact : unknown) {
            String organizationId = (String) contact.get("organization_id");
            PhoneNumber phone;
            try {
                phone = PhoneNumber.of((String) contact.get("phone"));
            } catch (RuntimeException notANumber) {
                continue;
            }
            learned += jdbc.update("""
                    INSERT INTO contact_directory (organization_id, phone_digest, contact_id, created_at)
                    VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING""",
                    organizationId, digest(organizationId, phone), contact.get("id"), Timestamp.from(Instant.now()));
        }
        return learned;
    }
}
