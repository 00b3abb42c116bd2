package com.chatnation.crm.application.agenda;

import com.chatnation.crm.domain.agenda.CancelReminder;
import com.chatnation.crm.domain.agenda.ReminderCancelled;
import com.chatnation.crm.domain.agenda.ReminderOutcome;
import com.chatnation.crm.domain.agenda.RequestReminder;
import com.chatnation.crm.domain.agenda.SessionReminder;
import com.chatnation.crm.domain.common.DomainRuleViolation;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * A contact's reminders of sessions, as the conversation asks for and cancels them: each is its own
 * {@link SessionReminder} stream, due {@code crm.agenda.reminder-lead} (15 minutes unless set) before the session.
 * Asking twice or cancelling what was never asked changes nothing.
 */
@Component
public class SessionReminders {

    private static final Logger log = LoggerFactory.getLogger(SessionReminders.class);

    private final CommandGateway commands;
    private final Duration lead;

    public SessionReminders(CommandGateway commands, @Value("${crm.agenda.reminder-lead:15m}") Duration lead) {
        this.commands = commands;
        this.lead = lead;
    }

    /** Asks for the reminder; empty when the session has started meanwhile (the conversation checked just before). */
    public Optional<ReminderOutcome> remind(String organizationId, String eventId, String sessionId, String contactId,
                                            String conversationId, Instant startsAt, Instant at) {
        try {
            return Optional.ofNullable(commands.sendAndWait(new RequestReminder(
                    SessionReminder.idOf(sessionId, contactId), organizationId, eventId, sessionId, contactId,
                    conversationId, startsAt, lead, at)));
        } catch (DomainRuleViolation refused) {
            log.info("Reminder of session {} not scheduled: {}", sessionId, refused.getMessage());
            return Optional.empty();
        }
    }

    /** Cancels the contact's reminder of the session; answers whether one was pending. */
    public boolean cancel(String organizationId, String sessionId, String contactId, Instant at) {
        try {
            return Boolean.TRUE.equals(commands.sendAndWait(new CancelReminder(
                    SessionReminder.idOf(sessionId, contactId), organizationId, ReminderCancelled.BY_CONTACT, at)));
        } catch (AggregateNotFoundException never) {
            return false; // never asked for: nothing to cancel
        }
    }
}
