package com.chatnation.crm.application.platform.privacy;

import com.chatnation.crm.domain.common.PhoneNumber;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import java.sql.Timestamp;
import java.time.Instant;
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

    /** Unlinks the number from the id: a later message from it starts a new contact. */
    public boolean forget(String contactId) {
        return jdbc.update("DELETE FROM contact_directory WHERE contact_id = ?", contactId) > 0;
    }

    private Optional<String> find(String organizationId, byte[] digest) {
        return jdbc.queryForList("SELECT contact_id FROM contact_directory WHERE organization_id = ? AND phone_digest = ?",
                String.class, organizationId, digest).stream().findFirst();
    }

    private byte[] digest(String organizationId, PhoneNumber phone) {
        return masterKey.digest(organizationId + ":" + phone.e164());
    }
}
