package com.chatnation.crm.application.programs;

import com.chatnation.crm.domain.conversation.PollBallots;
import com.chatnation.crm.domain.conversation.PollCatalog;
import com.chatnation.crm.domain.conversation.SendNotification;
import com.chatnation.crm.domain.messaging.OutboundReply;
import com.chatnation.crm.domain.program.ContentItem;
import com.chatnation.crm.domain.program.RecordProgramDelivery;
import com.chatnation.crm.domain.program.UnsubscribeFromProgram;
import com.chatnation.crm.domain.program.UnsubscribedFromProgram;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import com.chatnation.crm.application.platform.executors.PollingLoop;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.sql.Date;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * Sends each subscriber of each program the item due at the program's latest slot. Each subscription is looked at
 * once per slot ({@code program_roster.last_slot_date}): the dated item of that day if the program has one, else the
 * next item in sequence after the last the subscriber had. The item goes to the contact's conversation as a
 * notification ({@link SendNotification}, billed {@code content/send_program_item}): inside the contact's 24-hour
 * window as it is, outside it as the program's re-engagement template, on the same senders, send-rate cap and
 * per-message statuses as every reply. The notification and the delivery record ({@link RecordProgramDelivery}) are one
 * transaction, and the subscription refuses a second delivery for a slot, so a crash or a second instance never sends
 * an item twice. A slot missed while the service was down is sent when it comes back; earlier missed slots are not
 * (subscribers get one item per slot, in order, never a backlog). Contacts who opted out of marketing are
 * unsubscribed at their next slot instead.
 */
@Component
class ProgramDeliveries extends PollingLoop {

    static final String MODULE = "content";
    static final String ACTION = "send_program_item";
    private static final Logger log = LoggerFactory.getLogger(ProgramDeliveries.class);
    private static final int BATCH = 100;

    private final JdbcProgramCatalog catalog;
    private final ProgramRoster roster;
    private final PollCatalog polls;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final CommandGateway commands;

    ProgramDeliveries(JdbcProgramCatalog catalog, ProgramRoster roster, PollCatalog polls, JdbcTemplate jdbc,
                      TransactionTemplate transaction, CommandGateway commands,
                      @Value("${crm.programs.poll-interval:30s}") Duration pollInterval) {
        super("programs", pollInterval);
        this.catalog = catalog;
        this.roster = roster;
        this.polls = polls;
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.commands = commands;
    }

    /** Sends what is due at {@code now}; answers how many items were sent. */
    int deliverDue(Instant now) {
        int sent = 0;
        for (JdbcProgramCatalog.Program program : catalog.livePrograms()) {
            Optional<LocalDate> slotDate = program.schedule().latestSlotDate(now, program.zone());
            if (slotDate.isEmpty()) {
                continue;
            }
            Instant slot = program.schedule().slotOn(slotDate.get(), program.zone());
            if (slot.isBefore(program.createdAt())) {
                continue;
            }
            List<ProgramRoster.Due> due;
            do {
                due = roster.due(program.programId(), slotDate.get(), slot, BATCH);
                for (ProgramRoster.Due subscription : due) {
                    if (deliver(program, subscription, slotDate.get(), now)) {
                        sent++;
                    }
                }
            } while (due.size() == BATCH);
        }
        return sent;
    }

    private boolean deliver(JdbcProgramCatalog.Program program, ProgramRoster.Due subscription, LocalDate slotDate,
                            Instant now) {
        if (subscription.optedOut()) {
            commands.sendAndWait(new UnsubscribeFromProgram(subscription.subscriptionId(),
                    subscription.organizationId(), UnsubscribedFromProgram.OPTED_OUT, now));
            return false;
        }
        Optional<Item> item = next(program.programId(), subscription.lastSequence(), slotDate);
        Optional<OutboundReply> reply = item.flatMap(i -> reply(subscription.organizationId(), i));
        if (reply.isEmpty() || subscription.conversationId() == null) {
            roster.nothingFor(subscription.subscriptionId(), slotDate);
            return false;
        }
        try {
            transaction.executeWithoutResult(status -> {
                String replyId = commands.sendAndWait(new SendNotification(subscription.conversationId(), MODULE,
                        ACTION, reply.get(), program.reengageTemplate()));
                Boolean recorded = commands.sendAndWait(new RecordProgramDelivery(subscription.subscriptionId(),
                        subscription.organizationId(), item.get().itemId(), item.get().sequenceNumber(), slotDate,
                        replyId, now));
                if (!Boolean.TRUE.equals(recorded)) {
                    // another instance sent this slot meanwhile: this notification must not go out
                    status.setRollbackOnly();
                }
            });
            return true;
        } catch (AggregateNotFoundException noConversation) {
            // a contact subscribed by an agent or an import who has never written: nothing to send to yet
            roster.nothingFor(subscription.subscriptionId(), slotDate);
            return false;
        } catch (RuntimeException e) {
            log.warn("Program {}: item {} to subscription {} not sent; tried again at the next pass",
                    program.programId(), item.get().itemId(), subscription.subscriptionId(), e);
            return false;
        }
    }

    /** An item as the schedule sends it. */
    private record Item(String itemId, String contentType, String body, String mediaKey, String pollId,
                        Integer sequenceNumber) {
    }

    /** The item dated for the slot's day, else the first in sequence after {@code lastSequence}. */
    private Optional<Item> next(String programId, int lastSequence, LocalDate slotDate) {
        return jdbc.query("""
                        SELECT item_id, content_type, body, media_key, poll_id, sequence_number FROM program_item_catalog
                        WHERE program_id = ? AND (scheduled_on = ? OR sequence_number > ?)
                        ORDER BY scheduled_on NULLS LAST, sequence_number LIMIT 1""",
                (rs, n) -> new Item(rs.getString("item_id"), rs.getString("content_type"), rs.getString("body"),
                        rs.getString("media_key"), rs.getString("poll_id"),
                        (Integer) rs.getObject("sequence_number")),
                programId, Date.valueOf(slotDate), lastSequence).stream().findFirst();
    }

    private Optional<OutboundReply> reply(String organizationId, Item item) {
        switch (item.contentType()) {
            case ContentItem.TEXT:
                return Optional.of(new OutboundReply.Text(item.body()));
            case ContentItem.IMAGE:
                return Optional.of(new OutboundReply.Image(item.mediaKey(), item.body()));
            case ContentItem.POLL:
                return polls.poll(organizationId, item.pollId()).map(PollBallots::of);
            default:
                log.warn("Program item {} is {}: not sent (only text, images and polls are)", item.itemId(),
                        item.contentType());
                return Optional.empty();
        }
    }

    @Override
    protected void pass() {
        deliverDue(Instant.now());
    }
}
