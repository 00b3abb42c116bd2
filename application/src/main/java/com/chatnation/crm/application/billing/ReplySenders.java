package com.chatnation.crm.application.billing;

import com.chatnation.crm.application.platform.transactions.TransactionalRetry;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ScheduledFuture;

/**
 * The threads that send the bot's replies ({@code reply-sender-N}, {@code crm.replies.dispatch-threads}). A
 * conversation handed over here is drained by one of them ({@link ReplyDelivery#drain}) in a transaction of its own.
 * <ul>
 *   <li>A conversation waits here at most once; one handed over again while it is being drained is drained once more
 *       afterwards, so a reply queued meanwhile is not left behind.</li>
 *   <li>A drain that fails (WhatsApp unreachable or refusing for now, a write conflict that outlasted its retries) is
 *       tried again after a pause that doubles from {@code crm.replies.retry-delay} up to a minute.</li>
 *   <li>Every {@code crm.replies.sweep-interval}, replies still pending after that long are looked for in the table
 *       and their conversations drained: replies queued by an instance that stopped before sending them, or whose
 *       hand-over here was lost with a restart. The rows' locks keep two instances from sending one reply.</li>
 * </ul>
 * On shutdown a drain under way finishes (up to 30 s, {@code replySenderExecutor}) before the database pool closes.
 */
@Component
class ReplySenders implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ReplySenders.class);
    private static final Duration MAX_RETRY_DELAY = Duration.ofMinutes(1);
    private static final int SWEEP_LIMIT = 1_000;

    private enum State { WAITING, DRAINING, DRAIN_AGAIN }

    private final ReplyDelivery delivery;
    private final OutboundReplies replies;
    private final TransactionalRetry transaction;
    private final ThreadPoolTaskExecutor senders;
    private final ThreadPoolTaskScheduler timer;
    private final RepliesProperties properties;
    private final ConcurrentMap<String, State> conversations = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, Integer> failures = new ConcurrentHashMap<>();
    private final Counter swept;
    private final Counter retried;
    private volatile boolean running;
    private ScheduledFuture<?> sweeping;

    ReplySenders(ReplyDelivery delivery, OutboundReplies replies, TransactionalRetry transaction,
                 @Qualifier("replySenderExecutor") ThreadPoolTaskExecutor senders,
                 @Qualifier("replySenderTimer") ThreadPoolTaskScheduler timer, RepliesProperties properties,
                 MeterRegistry meters) {
        this.delivery = delivery;
        this.replies = replies;
        this.transaction = transaction;
        this.senders = senders;
        this.timer = timer;
        this.properties = properties;
        this.swept = Counter.builder("crm.replies.swept")
                .description("Conversations whose pending replies the periodic sweep found and drained").register(meters);
        this.retried = Counter.builder("crm.replies.drain.retries")
                .description("Drains of a conversation's replies that failed and were scheduled again").register(meters);
    }

    /** Drains the conversation once the current unit of work (the one that queued its reply) has committed. */
    void sendAfterCommit(String conversationId) {
        if (CurrentUnitOfWork.isStarted()) {
            CurrentUnitOfWork.get().afterCommit(unitOfWork -> send(conversationId));
        } else {
            send(conversationId);
        }
    }

    /** Drains the conversation soon, on a sender thread. */
    void send(String conversationId) {
        boolean[] submit = {false};
        conversations.compute(conversationId, (id, state) -> {
            if (state == null) {
                submit[0] = true;
                return State.WAITING;
            }
            return state == State.WAITING ? State.WAITING : State.DRAIN_AGAIN;
        });
        if (submit[0]) {
            submit(conversationId);
        }
    }

    private void submit(String conversationId) {
        try {
            senders.execute(() -> drain(conversationId));
        } catch (RuntimeException shuttingDown) {
            // the sweep of the next start finds its replies
            conversations.remove(conversationId);
        }
    }

    private void drain(String conversationId) {
        conversations.put(conversationId, State.DRAINING);
        try {
            transaction.inTransaction(() -> delivery.drain(conversationId));
            failures.remove(conversationId);
        } catch (RuntimeException | Error failed) {
            conversations.remove(conversationId);
            retryLater(conversationId, failed);
            return;
        }
        if (conversations.compute(conversationId, (id, state) -> state == State.DRAIN_AGAIN ? State.WAITING : null)
                != null) {
            submit(conversationId);
        }
    }

    private void retryLater(String conversationId, Throwable failure) {
        int attempt = failures.merge(conversationId, 1, Integer::sum);
        Duration delay = properties.retryDelay().multipliedBy(1L << Math.min(attempt - 1, 16));
        if (delay.compareTo(MAX_RETRY_DELAY) > 0) {
            delay = MAX_RETRY_DELAY;
        }
        log.warn("Replies of conversation {} not sent (attempt {}), trying again in {} ms: {}", conversationId, attempt,
                delay.toMillis(), failure.toString());
        retried.increment();
        if (running) {
            timer.schedule(() -> send(conversationId), Instant.now().plus(delay));
        }
    }

    /** Drains every conversation with a reply that has waited, untouched, longer than the sweep interval. */
    void sweep() {
        try {
            for (String conversationId : replies.conversationsPendingFor(properties.sweepInterval(), SWEEP_LIMIT)) {
                // one waiting out a failure is tried again by its own timer, not every sweep
                if (!conversations.containsKey(conversationId) && !failures.containsKey(conversationId)) {
                    swept.increment();
                    send(conversationId);
                }
            }
        } catch (RuntimeException e) {
            log.warn("Sweep for pending replies failed; the next one tries again", e);
        }
    }

    @Override
    public void start() {
        running = true;
        sweeping = timer.scheduleWithFixedDelay(this::sweep, Instant.now(), properties.sweepInterval());
    }

    @Override
    public void stop() {
        running = false;
        if (sweeping != null) {
            sweeping.cancel(false);
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Starts and stops with the inbox workers. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 100;
    }
}
