package com.chatnation.crm.application.conversations;

import com.chatnation.crm.application.broadcasts.BroadcastReplies;
import com.chatnation.crm.application.platform.privacy.ContactDirectory;
import com.chatnation.crm.application.platform.transactions.TransactionalRetry;
import com.chatnation.crm.domain.conversation.ConversationEffect;
import com.chatnation.crm.domain.conversation.ConversationId;
import com.chatnation.crm.domain.conversation.ReceiveMessage;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.stereotype.Service;

import java.util.List;

/**
 * The entry point for everything a contact says: the webhook, the Kafka consumer and the admin simulator all
 * end here. The contact's conversation (found or started by organization and phone number) decides; each
 * effect it asks for starts its named process ({@link ConversationProcesses}) in the same transaction, which
 * is retried whole if another instance touched the same aggregates first.
 */
@Service
public class InboundMessageService {

    private final CommandGateway commands;
    private final ConversationProcesses processes;
    private final TransactionalRetry transaction;
    private final ConversationSettings settings;
    private final Timer timer;
    private final ContactDirectory contacts;
    private final BroadcastReplies broadcasts;

    public InboundMessageService(CommandGateway commands, ConversationProcesses processes,
                                 TransactionalRetry transaction, ConversationSettings settings, MeterRegistry meters,
                                 ContactDirectory contacts, BroadcastReplies broadcasts) {
        this.contacts = contacts;
        this.broadcasts = broadcasts;
        this.commands = commands;
        this.processes = processes;
        this.transaction = transaction;
        this.settings = settings;
        this.timer = Timer.builder("crm.inbound.messages").description("Inbound messages run through the domain")
                .publishPercentileHistogram().register(meters);
    }

    /** @return the contact's conversation id */
    public String receive(IncomingMessage message) {
        String contactId = contacts.contactIdFor(message.organizationId(), message.from());
        String conversationId = ConversationId.of(message.organizationId(), contactId);
        timer.record(() -> transaction.inTransaction(() -> {
            List<ConversationEffect> decided = commands.sendAndWait(new ReceiveMessage(conversationId,
                    message.organizationId(), contactId, message.from(), message.profileName(), message.messageId(),
                    message.sentAt(), message.content(), message.context(), settings.inactivityTimeout()));
            EffectOrigin origin = new EffectOrigin(conversationId, message.organizationId(), contactId, message.from().e164(),
                    message.sentAt());
            for (ConversationEffect effect : decided) {
                processes.run(effect, origin);
            }
            broadcasts.contactWrote(message.organizationId(), contactId, message.sentAt());
        }));
        return conversationId;
    }
}
