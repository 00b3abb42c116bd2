package com.chatnation.crm.application.agenda;

import com.chatnation.crm.application.platform.executors.PollingLoop;
import com.chatnation.crm.domain.agenda.CancelReminder;
import com.chatnation.crm.domain.agenda.RecordReminderSent;
import com.chatnation.crm.domain.agenda.ReminderCancelled;
import com.chatnation.crm.domain.conversation.SendNotification;
import com.chatnation.crm.domain.messaging.OutboundReply;
import com.chatnation.crm.projections.queries.AudienceQueries;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * Sends the reminders contacts asked for when they are due, and tells those whose session was cancelled. Each goes to
 * the contact's conversation as a notification ({@link SendNotification}, billed {@code events/session_reminder} or
 * {@code events/session_cancelled}): inside the contact's 24-hour window as it is, outside it as the organization's
 * approved {@value #TEMPLATE} template, whose one body parameter takes the text. The notification and the reminder's
 * record of it ({@link RecordReminderSent}, or {@link CancelReminder}) are one transaction, and the reminder refuses a
 * second send, so a crash, a retry or a second instance never reminds twice. The schedule is a table
 * ({@code agenda_reminder_schedule}) looked at every {@code crm.agenda.poll-interval}, so it survives restarts: a
 * reminder that came due while the service was down goes out when it is back, unless its session is over by then.
 * Contacts who opted out of the organization's messages are not reminded: their reminders are cancelled when due.
 */
@Component
class ReminderDeliveries extends PollingLoop {

    static final String MODULE = "events";
    static final String REMINDER = "session_reminder";
    static final String CANCELLATION = "session_cancelled";
    /** The approved template a reminder (or the news of a cancellation) goes out as once the window is closed. */
    static final String TEMPLATE = "session_reminder";
    private static final Logger log = LoggerFactory.getLogger(ReminderDeliveries.class);
    private static final int BATCH = 100;
    /** Batches a pass takes on at most; the rest waits for the next pass, so one pass never runs away. */
    private static final int MAX_ROUNDS = 50;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm", Locale.ENGLISH);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEE d MMM", Locale.ENGLISH);

    private final ReminderSchedule schedule;
    private final AudienceQueries consent;
    private final TransactionTemplate transaction;
    private final CommandGateway commands;

    ReminderDeliveries(ReminderSchedule schedule, AudienceQueries consent, TransactionTemplate transaction,
                       CommandGateway commands, @Value("${crm.agenda.poll-interval:30s}") Duration pollInterval) {
        super("agenda-reminders", pollInterval);
        this.schedule = schedule;
        this.consent = consent;
        this.transaction = transaction;
        this.commands = commands;
    }

    /** Tells contacts of cancelled sessions, then sends what is due at {@code now}; answers how many were reminded. */
    int sendDue(Instant now) {
        List<ReminderSchedule.Due> batch;
        int rounds = 0;
        do {
            batch = schedule.ofCancelledSessions(BATCH);
            Predicate<ReminderSchedule.Due> optedOut = optedOut(batch);
            long settled = batch.stream().filter(due -> tellCancelled(due, optedOut.test(due), now)).count();
            if (settled < batch.size()) {
                break; // the rest is tried again at the next pass
            }
        } while (batch.size() == BATCH && ++rounds < MAX_ROUNDS);
        int sent = 0;
        rounds = 0;
        do {
            batch = schedule.due(now, BATCH);
            Predicate<ReminderSchedule.Due> optedOut = optedOut(batch);
            int settled = 0;
            for (ReminderSchedule.Due due : batch) {
                Outcome outcome = remind(due, optedOut.test(due), now);
                if (outcome == Outcome.SENT) {
                    sent++;
                }
                if (outcome != Outcome.FAILED) {
                    settled++;
                }
            }
            if (settled < batch.size()) {
                break;
            }
        } while (batch.size() == BATCH && ++rounds < MAX_ROUNDS);
        return sent;
    }

    private enum Outcome { SENT, CANCELLED, FAILED }

    private Outcome remind(ReminderSchedule.Due due, boolean optedOut, Instant now) {
        try {
            if (optedOut || !now.isBefore(due.endsAt())) {
                commands.sendAndWait(new CancelReminder(due.reminderId(), due.organizationId(),
                        optedOut ? ReminderCancelled.OPTED_OUT : ReminderCancelled.MISSED, now));
                return Outcome.CANCELLED;
            }
            transaction.executeWithoutResult(status -> {
                String replyId = commands.sendAndWait(new SendNotification(due.conversationId(), MODULE, REMINDER,
                        new OutboundReply.Text(reminderText(due, now)), TEMPLATE));
                Boolean recorded = commands.sendAndWait(new RecordReminderSent(due.reminderId(), due.organizationId(),
                        replyId, now));
                if (!Boolean.TRUE.equals(recorded)) {
                    // another instance sent it meanwhile: this notification must not go out
                    status.setRollbackOnly();
                }
            });
            return Outcome.SENT;
        } catch (RuntimeException e) {
            log.warn("Reminder {} not sent; tried again at the next pass", due.reminderId(), e);
            return Outcome.FAILED;
        }
    }

    /** The session was cancelled: its pending reminder is too, and the contact who asked for it is told. */
    private boolean tellCancelled(ReminderSchedule.Due due, boolean optedOut, Instant now) {
        try {
            transaction.executeWithoutResult(status -> {
                Boolean cancelled = commands.sendAndWait(new CancelReminder(due.reminderId(), due.organizationId(),
                        ReminderCancelled.SESSION_CANCELLED, now));
                if (Boolean.TRUE.equals(cancelled) && !optedOut && due.endsAt().isAfter(now)) {
                    commands.sendAndWait(new SendNotification(due.conversationId(), MODULE, CANCELLATION,
                            new OutboundReply.Text(cancellationText(due)), TEMPLATE));
                }
            });
            return true;
        } catch (RuntimeException e) {
            log.warn("Reminder {} of a cancelled session not settled; tried again at the next pass",
                    due.reminderId(), e);
            return false;
        }
    }

    /** Whether each contact of the batch opted out: since asking (the schedule's mark) or before (their consent). */
    private Predicate<ReminderSchedule.Due> optedOut(List<ReminderSchedule.Due> batch) {
        Map<UUID, Boolean> consents = consent.marketingConsent(batch.stream()
                .map(due -> uuid(due.contactId())).filter(id -> id != null).distinct().toList());
        return due -> due.optedOut() || Boolean.FALSE.equals(consents.get(uuid(due.contactId())));
    }

    private static UUID uuid(String contactId) {
        try {
            return UUID.fromString(contactId);
        } catch (IllegalArgumentException notAUuid) {
            return null;
        }
    }

    static String reminderText(ReminderSchedule.Due due, Instant now) {
        ZoneId zone = ZoneId.of(due.timeZone());
        long minutes = Math.max(0, Duration.between(now, due.startsAt()).toMinutes());
        return "Reminder: *" + due.title() + "* starts " + (minutes == 0 ? "now" : "in " + minutes + " min") + ", at "
                + TIME.format(due.startsAt().atZone(zone)) + (due.room() == null ? "" : " in " + due.room())
                + ". Send *agenda* to see the day's sessions.";
    }

    static String cancellationText(ReminderSchedule.Due due) {
        ZoneId zone = ZoneId.of(due.timeZone());
        return "Sorry, *" + due.title() + "* (" + DAY.format(due.startsAt().atZone(zone)) + ", "
                + TIME.format(due.startsAt().atZone(zone)) + ") has been cancelled, so there will be no reminder. "
                + "Send *agenda* to see the other sessions.";
    }

    @Override
    protected void pass() {
        sendDue(Instant.now());
    }
}
