package com.chatnation.crm.application.privacy;

import com.chatnation.crm.application.platform.privacy.ContactDirectory;
import com.chatnation.crm.application.platform.privacy.ContactKeys;
import com.chatnation.crm.application.platform.transactions.TransactionalRetry;
import com.chatnation.crm.domain.contact.ContactProfileId;
import com.chatnation.crm.domain.contact.EraseContactProfile;
import com.chatnation.crm.domain.conversation.ConversationId;
import com.chatnation.crm.domain.conversation.EraseContact;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * Honours a contact's erasure request (GDPR art. 17, Kenya's Data Protection Act 2019 s. 40). In one transaction:
 * the conversation records {@code ContactErased} (read models then delete or blank their rows), the contact's keys
 * are destroyed (every sealed value in events, snapshots, dead letters and the Kafka topic becomes unreadable), the
 * directory forgets the number, and the command side's own copies (the reply queue, the ticket catalog, processed
 * inbox items, snapshots) are removed. Counts in the analytics tables stay, under the opaque contact id.
 */
@Service
class ContactErasure {

    private static final Logger log = LoggerFactory.getLogger(ContactErasure.class);

    private final CommandGateway commands;
    private final ContactDirectory directory;
    private final ContactKeys keys;
    private final JdbcTemplate jdbc;
    private final TransactionalRetry transaction;
    private final Clock clock = Clock.systemUTC();

    ContactErasure(CommandGateway commands, ContactDirectory directory, ContactKeys keys, JdbcTemplate jdbc,
                   TransactionalRetry transaction) {
        this.commands = commands;
        this.directory = directory;
        this.keys = keys;
        this.jdbc = jdbc;
        this.transaction = transaction;
    }

    record Erased(String contactId, Instant erasedAt, int keysDestroyed, int rawItemsRemoved) {
    }

    Erased erase(String organizationId, String contactId, String reason) {
        if (!directory.knows(organizationId, contactId)) {
            throw new UnknownContact(contactId);
        }
        String conversationId = ConversationId.of(organizationId, contactId);
        Instant at = clock.instant();
        // The number is read before it is forgotten, to find the raw inbox items that carry it.
        List<String> phones = jdbc.queryForList(
                "SELECT phone FROM contacts WHERE id = ?::uuid AND organization_id = ? AND phone IS NOT NULL",
                String.class, contactId, organizationId);
        Erased erased = transaction.inTransaction(() -> {
            try {
                commands.sendAndWait(new EraseContact(conversationId, contactId, reason, at));
            } catch (AggregateNotFoundException neverWrote) {
                // the number was looked up but no message of theirs was ever recorded: only the keys are left
            }
            // the profile may exist without a conversation (an imported contact): its read rows go on this event
            commands.sendAndWait(new EraseContactProfile(ContactProfileId.of(organizationId, contactId),
                    organizationId, contactId, at));
            int destroyed = keys.destroyContact(contactId);
            directory.forget(organizationId, contactId);
            jdbc.update("DELETE FROM outbound_replies WHERE conversation_id = ?", conversationId);
            // broadcasts not sent to them yet hold their number and parameters; sent ones only the opaque id
            jdbc.update("DELETE FROM broadcast_sends WHERE contact_id = ?::uuid AND status IN ('pending', 'queued')",
                    contactId);
            jdbc.update("UPDATE broadcast_sends SET phone = NULL, parameters = NULL WHERE contact_id = ?::uuid",
                    contactId);
            jdbc.update("UPDATE ticket_catalog_reservations SET contact_phone = NULL WHERE conversation_id = ?",
                    conversationId);
            jdbc.update("DELETE FROM snapshotevententry WHERE aggregateidentifier = ?", conversationId);
            int inbox = 0;
            for (String phone : phones) {
                // processed items only: one still waiting is a new message, which starts a new contact
                inbox += jdbc.update("""
                        DELETE FROM inbound_inbox WHERE organization_id = ? AND status <> 'pending'
                        AND position(? IN item::text) > 0""", organizationId, phone.substring(1));
                inbox += jdbc.update("""
                        DELETE FROM webhook_quarantine WHERE organization_id = ?
                        AND position(convert_to(?, 'UTF8') IN raw) > 0""", organizationId, phone.substring(1));
            }
            return new Erased(contactId, at, destroyed, inbox);
        });
        log.info("Erased contact {} of organization {}: {} keys destroyed, {} raw inbox or quarantined items removed",
                contactId, organizationId, erased.keysDestroyed(), erased.rawItemsRemoved());
        return erased;
    }
}
