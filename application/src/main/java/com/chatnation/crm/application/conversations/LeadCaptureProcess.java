package com.chatnation.crm.application.conversations;

import com.chatnation.crm.domain.conversation.ConversationEffect;
import com.chatnation.crm.domain.exhibitor.CaptureLead;
import com.chatnation.crm.domain.exhibitor.Lead;
import com.chatnation.crm.projections.queries.ContactQueries;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import java.util.UUID;
import java.util.function.BiFunction;

/**
 * A visitor said yes at a booth: their {@code Lead} of the exhibitor is captured, in the message's transaction, with
 * their number and the name their WhatsApp profile gives (if the contacts table has it yet). A second yes at the
 * same booth finds the lead there and only records the return: the conversation's reply does not depend on which.
 */
@Component
class LeadCaptureProcess implements ConversationProcess<ConversationEffect.CaptureLead> {

    private final CommandGateway commands;
    /** The contact's name, by organization and contact id; null when unknown. */
    private final BiFunction<String, String, String> names;

    @Autowired
    LeadCaptureProcess(CommandGateway commands, ContactQueries contacts) {
        this(commands, (organizationId, contactId) -> name(contacts, organizationId, contactId));
    }

    LeadCaptureProcess(CommandGateway commands, BiFunction<String, String, String> names) {
        this.commands = commands;
        this.names = names;
    }

    @Override
    public Class<ConversationEffect.CaptureLead> effect() {
        return ConversationEffect.CaptureLead.class;
    }

    @Override
    public void run(ConversationEffect.CaptureLead capture, EffectOrigin origin) {
        commands.sendAndWait(new CaptureLead(Lead.idOf(capture.exhibitorId(), origin.contactId()),
                capture.exhibitorId(), origin.organizationId(), capture.eventId(), origin.contactId(),
                origin.contactPhone(), names.apply(origin.organizationId(), origin.contactId()),
                origin.conversationId(), origin.at()));
    }

    private static String name(ContactQueries contacts, String organizationId, String contactId) {
        try {
            return contacts.contact(organizationId, UUID.fromString(contactId))
                    .map(ContactQueries.ContactRow::name).orElse(null);
        } catch (IllegalArgumentException notAUuid) {
            return null;
        }
    }
}
