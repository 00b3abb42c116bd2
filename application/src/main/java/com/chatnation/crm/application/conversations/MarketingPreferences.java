package com.chatnation.crm.application.conversations;

import com.chatnation.crm.application.platform.privacy.ContactDirectory;
import com.chatnation.crm.application.platform.transactions.TransactionalRetry;
import com.chatnation.crm.domain.common.PhoneNumber;
import com.chatnation.crm.domain.conversation.ConversationId;
import com.chatnation.crm.domain.conversation.RecordMarketingConsent;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.stereotype.Service;

import java.time.Instant;

/**
 * Records a contact's marketing consent stated outside the conversation (Meta's {@code user_preferences} webhook),
 * on the contact's conversation stream, which starts one if the contact never wrote.
 */
@Service
public class MarketingPreferences {

    private final CommandGateway commands;
    private final TransactionalRetry transaction;
    private final ContactDirectory contacts;

    MarketingPreferences(CommandGateway commands, TransactionalRetry transaction, ContactDirectory contacts) {
        this.commands = commands;
        this.transaction = transaction;
        this.contacts = contacts;
    }

    public void record(String organizationId, PhoneNumber contact, boolean optedIn, String source, Instant at) {
        String contactId = contacts.contactIdFor(organizationId, contact);
        String conversationId = ConversationId.of(organizationId, contactId);
        transaction.inTransaction(() -> {
            commands.sendAndWait(new RecordMarketingConsent(conversationId, organizationId, contactId, optedIn,
                    source, at));
        });
    }
}
