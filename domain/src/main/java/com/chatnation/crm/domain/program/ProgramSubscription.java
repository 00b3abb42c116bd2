package com.chatnation.crm.domain.program;

import com.chatnation.crm.domain.common.DomainRuleViolation;
import com.chatnation.crm.domain.privacy.DataSubject;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;

import static com.chatnation.crm.domain.common.TokenAmounts.requireText;
import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * One contact's subscription to one program, through every leave and return. Its id is made of the program and the
 * contact ({@link #idOf}), so "one subscription per contact" is the event stream's order: two joins racing each
 * other are two appends to the same stream, and the second sees the first.
 * <p>
 * Deliveries are recorded here too, so what a subscriber had survives leaving and coming back: the series resumes
 * after the last item they had, and a slot is recorded once however often the scheduler retries it.
 */
public class ProgramSubscription {

    @AggregateIdentifier
    private String subscriptionId;
    private String programId;
    private String organizationId;
    @DataSubject
    private String contactId;
    private String conversationId;
    private boolean active;
    private Instant subscribedAt;
    /** The last sequence number counted as had: where the subscription started, or the last item delivered. */
    private int lastSequence;
    /** Slots go out in date order, so the last one delivered is all it takes to tell a retry from a new slot. */
    private LocalDate lastSlotDate;

    protected ProgramSubscription() {
        // required by the event-sourcing repository, and the creation policy below
    }

    public static String idOf(String programId, String contactId) {
        return programId + ":" + contactId;
    }

    /** Creates the subscription, or reopens it: a join request is the same whether or not the contact was here before. */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public SubscriptionOutcome handle(SubscribeToProgram command) {
        requireText(command.subscriptionId(), "subscription id");
        requireText(command.programId(), "program id");
        requireText(command.organizationId(), "organization id");
        requireText(command.contactId(), "contact id");
        if (!command.subscriptionId().equals(idOf(command.programId(), command.contactId()))) {
            throw new DomainRuleViolation("invalid_subscription_id",
                    "a subscription's id is made of its program and contact");
        }
        if (command.source() == null || !SubscribedToProgram.SOURCES.contains(command.source())) {
            throw new DomainRuleViolation("invalid_source", "a contact subscribes by one of "
                    + SubscribedToProgram.SOURCES + ", not " + command.source());
        }
        if (command.startAfterSequence() < 0) {
            throw new DomainRuleViolation("invalid_start",
                    "the sequence to start after is 0 or more, got " + command.startAfterSequence());
        }
        String conversation = command.conversationId() == null || command.conversationId().isBlank() ? null
                : command.conversationId().strip();
        Instant at = at(command.at());
        if (subscriptionId == null) {
            apply(new SubscribedToProgram(command.subscriptionId(), command.programId(), command.organizationId(),
                    command.contactId(), conversation, command.source(), command.startAfterSequence(), false, at));
            return SubscriptionOutcome.SUBSCRIBED;
        }
        requireOwned(command.organizationId());
        if (active) {
            return SubscriptionOutcome.ALREADY_SUBSCRIBED;
        }
        // a returning contact never gets again what they had before they left
        apply(new SubscribedToProgram(subscriptionId, programId, organizationId, contactId,
                conversation == null ? conversationId : conversation, command.source(),
                Math.max(command.startAfterSequence(), lastSequence), true, at));
        return SubscriptionOutcome.RESUBSCRIBED;
    }

    /** Whether the subscription was active and is now ended. */
    @CommandHandler
    public boolean handle(UnsubscribeFromProgram command) {
        requireOwned(command.organizationId());
        if (command.reason() == null || !UnsubscribedFromProgram.REASONS.contains(command.reason())) {
            throw new DomainRuleViolation("invalid_reason", "a subscription ends for one of "
                    + UnsubscribedFromProgram.REASONS + ", not " + command.reason());
        }
        if (!active) {
            return false;
        }
        apply(new UnsubscribedFromProgram(subscriptionId, programId, organizationId, contactId, command.reason(),
                subscribedAt, at(command.at())));
        return true;
    }

    /** Whether the delivery was recorded: false for a slot recorded already, which must not be sent again. */
    @CommandHandler
    public boolean handle(RecordProgramDelivery command) {
        requireOwned(command.organizationId());
        if (command.itemId() == null || command.itemId().isBlank() || command.replyId() == null
                || command.replyId().isBlank() || command.slotDate() == null) {
            throw new DomainRuleViolation("invalid_delivery", "a delivery names its item, its slot and its message");
        }
        // a retry is answered the same whatever happened since, so it is checked before the subscription's state
        if (command.slotDate().equals(lastSlotDate)) {
            return false;
        }
        if (!active) {
            throw new DomainRuleViolation("not_subscribed", "the contact is not subscribed to program " + programId);
        }
        if (lastSlotDate != null && command.slotDate().isBefore(lastSlotDate)) {
            throw new DomainRuleViolation("out_of_order", "the slot of " + command.slotDate()
                    + " comes before the last one delivered, of " + lastSlotDate);
        }
        if (command.sequenceNumber() != null && command.sequenceNumber() <= lastSequence) {
            throw new DomainRuleViolation("out_of_order", "item number " + command.sequenceNumber()
                    + " is not after number " + lastSequence + ", which the subscriber already had");
        }
        apply(new ProgramItemDelivered(subscriptionId, programId, organizationId, contactId, conversationId,
                command.itemId(), command.sequenceNumber(), command.slotDate(), command.replyId(),
                at(command.at())));
        return true;
    }

    /** Another organization's subscription is answered as if there were none. */
    private void requireOwned(String organization) {
        if (!Objects.equals(organizationId, organization)) {
            throw new DomainRuleViolation("not_found", "no subscription " + subscriptionId + " in this organization");
        }
    }

    private static Instant at(Instant given) {
        return given == null ? Instant.now() : given;
    }

    @EventSourcingHandler
    void on(SubscribedToProgram event) {
        subscriptionId = event.subscriptionId();
        programId = event.programId();
        organizationId = event.organizationId();
        contactId = event.contactId();
        conversationId = event.conversationId();
        active = true;
        subscribedAt = event.at();
        lastSequence = event.startAfterSequence();
    }

    @EventSourcingHandler
    void on(UnsubscribedFromProgram event) {
        active = false;
    }

    @EventSourcingHandler
    void on(ProgramItemDelivered event) {
        lastSlotDate = event.slotDate();
        if (event.sequenceNumber() != null) {
            lastSequence = event.sequenceNumber();
        }
    }
}
