package com.chatnation.crm.application.conversations;

import com.chatnation.crm.application.ticketing.JdbcEventCatalog;
import com.chatnation.crm.domain.common.DomainRuleViolation;
import com.chatnation.crm.domain.conversation.ConversationEffect;
import com.chatnation.crm.domain.conversation.RecordEventRegistration;
import com.chatnation.crm.domain.conversation.RegisterForEventOutcome;
import com.chatnation.crm.domain.ticketing.RegisterParticipant;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.springframework.stereotype.Component;

/**
 * Registering for a free event: the contact said yes → the {@code TicketedEvent} records them as a participant (once,
 * however often they ask), or refuses when the event has started selling tickets meanwhile → the conversation
 * confirms or says why. Synchronous, in the message's transaction, like every conversation process.
 */
@Component
class EventRegistrationProcess implements ConversationProcess<ConversationEffect.RegisterForEvent> {

    /** What the participant record says they came through. */
    static final String SOURCE = "whatsapp";

    private final CommandGateway commands;
    private final JdbcEventCatalog catalog;

    EventRegistrationProcess(CommandGateway commands, JdbcEventCatalog catalog) {
        this.commands = commands;
        this.catalog = catalog;
    }

    @Override
    public Class<ConversationEffect.RegisterForEvent> effect() {
        return ConversationEffect.RegisterForEvent.class;
    }

    @Override
    public void run(ConversationEffect.RegisterForEvent register, EffectOrigin origin) {
        commands.sendAndWait(new RecordEventRegistration(origin.conversationId(), register.eventId(),
                register(register, origin)));
    }

    private RegisterForEventOutcome register(ConversationEffect.RegisterForEvent register, EffectOrigin origin) {
        JdbcEventCatalog.EventSummary event = catalog.event(origin.organizationId(), register.eventId()).orElse(null);
        if (event == null) {
            return RegisterForEventOutcome.refused("that event is no longer open for registration");
        }
        try {
            commands.sendAndWait(new RegisterParticipant(register.eventId(), origin.contactId(), origin.contactPhone(),
                    SOURCE));
        } catch (DomainRuleViolation refused) {
            return RegisterForEventOutcome.refused(refused.getMessage());
        } catch (AggregateNotFoundException gone) {
            return RegisterForEventOutcome.refused("that event is no longer open for registration");
        }
        return RegisterForEventOutcome.registered(event.name(), event.venue(), event.startsAt());
    }
}
