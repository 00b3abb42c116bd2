package com.chatnation.crm.application.broadcasts;

import com.chatnation.crm.application.platform.web.RefusedRequest;
import com.chatnation.crm.domain.broadcast.CancelBroadcast;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * The threads that move broadcasts along on this instance: {@code crm.broadcasts.senders} senders, and one
 * housekeeper that starts scheduled broadcasts when their time comes, stores started broadcasts' recipients as
 * events, and settles finished ones. Every instance runs them; the send list's leases and row locks keep them from
 * doing anything twice. On stop, each sender finishes the message it is sending and gives back the rest of its
 * batch, so another instance sends every remaining recipient exactly once.
 */
@Component
class BroadcastWorkers implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(BroadcastWorkers.class);

    private final BroadcastSender sender;
    private final RecipientQueueing queueing;
    private final BroadcastSettlement settlement;
    private final BroadcastRuns runs;
    private final BroadcastStarts starts;
    private final CommandGateway commands;
    private final BroadcastProperties properties;
    private final String instance = UUID.randomUUID().toString().substring(0, 8);
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean running;

    BroadcastWorkers(BroadcastSender sender, RecipientQueueing queueing, BroadcastSettlement settlement,
                     BroadcastRuns runs, BroadcastStarts starts, CommandGateway commands,
                     BroadcastProperties properties) {
        this.sender = sender;
        this.queueing = queueing;
        this.settlement = settlement;
        this.runs = runs;
        this.starts = starts;
        this.commands = commands;
        this.properties = properties;
    }

    @Override
    public synchronized void start() {
        running = true;
        for (int i = 0; i < properties.senders(); i++) {
            String name = "broadcast-sender-" + i;
            String id = instance + "-" + i;
            threads.add(started(new Thread(() -> sendLoop(id), name)));
        }
        threads.add(started(new Thread(this::housekeepingLoop, "broadcast-housekeeper")));
    }

    private static Thread started(Thread thread) {
        thread.start();
        return thread;
    }

    private void sendLoop(String id) {
        while (running) {
            try {
                if (sender.sendBatch(id, () -> !running) == 0) {
                    pause();
                }
            } catch (RuntimeException e) {
                log.warn("Broadcast sender {} failed; trying again shortly", id, e);
                pause();
            }
        }
    }

    private void housekeepingLoop() {
        while (running) {
            try {
                startDue();
                queueing.queueAll();
                settlement.settleFinished();
            } catch (RuntimeException e) {
                log.warn("Broadcast housekeeping failed; trying again shortly", e);
            }
            pause();
        }
    }

    /** Starts the scheduled broadcasts whose time has come; one that cannot start is cancelled, saying why. */
    private void startDue() {
        for (String broadcastId : runs.due(Instant.now())) {
            if (!running) {
                return;
            }
            BroadcastRuns.Run run = runs.find(broadcastId).orElseThrow();
            try {
                starts.start(run.organizationId(), broadcastId);
            } catch (RefusedRequest refused) {
                if ("not_startable".equals(refused.code())) {
                    continue; // another instance started (or someone cancelled) it meanwhile
                }
                log.warn("Scheduled broadcast {} could not start: {}", broadcastId, refused.getMessage());
                commands.sendAndWait(new CancelBroadcast(broadcastId, run.organizationId(),
                        "could not start at its scheduled time: " + refused.getMessage()));
            }
        }
    }

    private void pause() {
        try {
            TimeUnit.MILLISECONDS.sleep(properties.idlePoll().toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public synchronized void stop() {
        running = false;
        for (Thread thread : threads) {
            try {
                thread.join(30_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        threads.clear();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Stops with the inbox workers, before Axon and the database: a send under way is recorded first. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 100;
    }
}
