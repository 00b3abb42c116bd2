package com.chatnation.crm.application.broadcasts;

import com.chatnation.crm.application.platform.transactions.TransactionalRetry;
import com.chatnation.crm.domain.broadcast.QueueRecipient;
import com.chatnation.crm.domain.broadcast.SuppressRecipient;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;

/**
 * Stores a started broadcast's recipients as events ({@code RecipientQueued}, and {@code RecipientSuppressed} for
 * those left out), a chunk per transaction with the rows' new status, so a stop halfway resumes where it was and
 * never stores a recipient twice. Senders start on the first chunk while later ones are stored. Once the
 * broadcast is cancelled, whoever is still pending is stored as suppressed ({@code cancelled}).
 */
@Component
class RecipientQueueing {

    private static final Logger log = LoggerFactory.getLogger(RecipientQueueing.class);

    private final BroadcastSends sends;
    private final BroadcastRuns runs;
    private final CommandGateway commands;
    private final TransactionalRetry transaction;
    private final BroadcastProperties properties;

    RecipientQueueing(BroadcastSends sends, BroadcastRuns runs, CommandGateway commands, TransactionalRetry transaction,
                      BroadcastProperties properties) {
        this.sends = sends;
        this.runs = runs;
        this.commands = commands;
        this.transaction = transaction;
        this.properties = properties;
    }

    /** Stores every pending recipient of every started broadcast; answers how many it stored. */
    int queueAll() {
        int queued = 0;
        for (String broadcastId : sends.broadcastsWithPending()) {
            queued += queue(broadcastId);
        }
        return queued;
    }

    int queue(String broadcastId) {
        long started = System.nanoTime();
        int total = 0;
        int chunk;
        do {
            chunk = transaction.inTransaction(() -> queueChunk(broadcastId));
            total += chunk;
        } while (chunk > 0);
        if (total > 0) {
            double seconds = (System.nanoTime() - started) / 1e9;
            log.info("Broadcast {}: {} recipients stored as events in {} s ({} per second)", broadcastId, total,
                    String.format("%.1f", seconds), String.format("%.0f", total / seconds));
        }
        return total;
    }

    private int queueChunk(String broadcastId) {
        boolean cancelled = runs.find(broadcastId).map(run -> "cancelled".equals(run.status())).orElse(true);
        List<BroadcastSends.Pending> pending = sends.pending(broadcastId, properties.queueChunk());
        List<String> toSend = new ArrayList<>();
        for (BroadcastSends.Pending row : pending) {
            commands.sendAndWait(new QueueRecipient(row.recipientId(), row.broadcastId(), row.organizationId(),
                    row.contactId().toString(), row.phone(), row.parameters()));
            String suppression = cancelled ? Suppression.CANCELLED : row.suppression();
            if (suppression != null) {
                commands.sendAndWait(new SuppressRecipient(row.recipientId(), suppression));
                sends.ended(row.recipientId(), "suppressed");
            } else {
                toSend.add(row.recipientId());
            }
        }
        sends.queued(toSend);
        return pending.size();
    }
}
