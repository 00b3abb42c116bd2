package com.chatnation.crm.domain.agenda;

import com.chatnation.crm.domain.common.DomainRuleViolation;
import com.chatnation.crm.domain.privacy.DataSubject;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

import static com.chatnation.crm.domain.agenda.Agenda.at;
import static com.chatnation.crm.domain.common.TokenAmounts.requireText;
import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * One contact's reminder of one session, through every request, cancellation and the send. Its id is made of the
 * session and the contact ({@link #idOf}), so asking twice is two appends to one stream and the second finds the
 * first; and the send is recorded here, in the transaction of the message it queues, so a retry, a crash or a second
 * instance never reminds twice.
 */
public class SessionReminder {

    /** At most a day ahead: a reminder is for the session, not the event. */
    public static final Duration MAX_LEAD = Duration.ofDays(1);

    @AggregateIdentifier
    private String reminderId;
    private String organizationId;
    private String eventId;
    private String sessionId;
    @DataSubject
    private String contactId;
    private String conversationId;
    private boolean pending;
    private boolean sent;

    protected SessionReminder() {
        // required by the event-sourcing repository, and the creation policy below
    }

    public static String idOf(String sessionId, String contactId) {
        return "reminder:" + sessionId + ":" + contactId;
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public ReminderOutcome handle(RequestReminder command) {
        requireText(command.reminderId(), "reminder id");
        requireText(command.organizationId(), "organization id");
        requireText(command.eventId(), "event id");
        requireText(command.sessionId(), "session id");
        requireText(command.contactId(), "contact id");
        requireText(command.conversationId(), "conversation id");
        if (!command.reminderId().equals(idOf(command.sessionId(), command.contactId()))) {
            throw new DomainRuleViolation("invalid_reminder_id", "a reminder's id is made of its session and contact");
        }
        if (reminderId != null) {
            requireOwned(command.organizationId());
            if (sent) {
                return ReminderOutcome.ALREADY_SENT;
            }
            if (pending) {
                return ReminderOutcome.ALREADY_SCHEDULED;
            }
        }
        Instant at = at(command.at());
        if (command.sessionStartsAt() == null || !command.sessionStartsAt().isAfter(at)) {
            throw new DomainRuleViolation("session_started", "a reminder is for a session that has not started yet");
        }
        Duration lead = command.lead();
        if (lead == null || lead.isNegative() || lead.compareTo(MAX_LEAD) > 0) {
            throw new DomainRuleViolation("invalid_lead", "a reminder comes 0 to " + MAX_LEAD.toHours()
                    + " hours before the session");
        }
        Instant remindAt = command.sessionStartsAt().minus(lead);
        apply(new ReminderRequested(command.reminderId(), command.organizationId(), command.eventId(),
                command.sessionId(), command.contactId(), command.conversationId(), command.sessionStartsAt(),
                lead.toSeconds(), remindAt.isBefore(at) ? at : remindAt, at));
        return ReminderOutcome.SCHEDULED;
    }

    @CommandHandler
    public boolean handle(CancelReminder command) {
        requireOwned(command.organizationId());
        if (command.reason() == null || !ReminderCancelled.REASONS.contains(command.reason())) {
            throw new DomainRuleViolation("invalid_reason", "a reminder is cancelled for one of "
                    + ReminderCancelled.REASONS + ", not " + command.reason());
        }
        if (!pending) {
            return false;
        }
        apply(new ReminderCancelled(reminderId, organizationId, eventId, sessionId, contactId, command.reason(),
                at(command.at())));
        return true;
    }

    @CommandHandler
    public boolean handle(RecordReminderSent command) {
        requireOwned(command.organizationId());
        requireText(command.replyId(), "reply id");
        if (sent) {
            return false;
        }
        if (!pending) {
            throw new DomainRuleViolation("reminder_cancelled", "reminder " + reminderId + " was cancelled");
        }
        apply(new ReminderSent(reminderId, organizationId, eventId, sessionId, contactId, conversationId,
                command.replyId(), at(command.at())));
        return true;
    }

    /** Another organization's reminder is answered as if there were none. */
    private void requireOwned(String organization) {
        if (!Objects.equals(organizationId, organization)) {
            throw new DomainRuleViolation("not_found", "no reminder " + reminderId + " in this organization");
        }
    }

    @EventSourcingHandler
    void on(ReminderRequested event) {
        reminderId = event.reminderId();
        organizationId = event.organizationId();
        eventId = event.eventId();
        sessionId = event.sessionId();
        contactId = event.contactId();
        conversationId = event.conversationId();
        pending = true;
    }

    @EventSourcingHandler
    void on(ReminderCancelled event) {
        pending = false;
    }

    @EventSourcingHandler
    void on(ReminderSent event) {
        pending = false;
        sent = true;
    }
}
