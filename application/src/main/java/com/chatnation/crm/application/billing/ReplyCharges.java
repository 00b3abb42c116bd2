package com.chatnation.crm.application.billing;

import com.chatnation.crm.application.platform.transactions.TransactionalRetry;
import com.chatnation.crm.domain.wallet.DebitOutcome;
import com.chatnation.crm.domain.wallet.DebitTokens;
import com.chatnation.crm.domain.wallet.DebitTokensTogether;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Executor;

/**
 * Charges replies in transactions of their own, committed before the replies are handed to WhatsApp, and charges
 * the replies of one wallet that arrive together in one command ({@link DebitTokensTogether}).
 *
 * <p>Inside the dispatcher's transaction a charge kept the organization's wallet locked until that transaction
 * committed, that is, across the call to the Graph API: an organization's replies went out one at a time. Committed
 * first, the wallet is free again in milliseconds. A charge that outlives a failed send is not lost or repeated:
 * the retry finds the reply's reference already debited, and a reply WhatsApp refuses for good is refunded.
 * Axon keeps one unit of work per thread, so the charges run on threads of their own ({@code reply-billing-N}).
 *
 * <p>Every reply of an organization debits the same wallet, and one wallet takes one transaction at a time: with
 * a transaction per reply, a busy organization's dispatcher threads queued behind each other on it. So each wallet
 * has a lane: while one charge of the wallet is being committed, the charges that arrive meanwhile wait together
 * and then go as one command, one load and one append, in the order they arrived. The wallet decides each as it
 * would alone (its balance and its per-reference idempotency are the aggregate's). When such a command fails, its
 * charges are tried again one at a time, so a charge that cannot succeed fails only its own reply.
 */
@Component
class ReplyCharges {

    private final CommandGateway commands;
    private final TransactionalRetry transaction;
    private final Executor billing;
    private final DistributionSummary together;
    private final ConcurrentMap<String, WalletLane> lanes = new ConcurrentHashMap<>();

    /** @param billing the {@code replyBillingExecutor} ({@code ReplyDispatchConfiguration}) */
    ReplyCharges(CommandGateway commands, TransactionalRetry transaction,
                 @Qualifier("replyBillingExecutor") Executor billing, MeterRegistry meters) {
        this.commands = commands;
        this.transaction = transaction;
        this.billing = billing;
        this.together = DistributionSummary.builder("crm.replies.charges.together")
                .description("Reply charges of one wallet committed in one command").register(meters);
    }

    /** Debits the wallet for a reply and commits; answers how the wallet took it. */
    DebitOutcome charge(DebitTokens debit) {
        CompletableFuture<DebitOutcome> outcome = new CompletableFuture<>();
        WalletLane lane = lanes.computeIfAbsent(debit.walletId(), WalletLane::new);
        if (lane.enqueue(new Charge(debit, outcome))) {
            try {
                billing.execute(lane::drain);
            } catch (RuntimeException rejected) { // the pool is shutting down
                lane.abandon(rejected);
            }
        }
        try {
            return outcome.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw e;
        }
    }

    private record Charge(DebitTokens debit, CompletableFuture<DebitOutcome> outcome) {
    }

    /** The charges of one wallet waiting for its next command, and whether a billing thread is working them. */
    private final class WalletLane {

        private final String walletId;
        private final Queue<Charge> waiting = new ArrayDeque<>();
        private boolean draining;

        WalletLane(String walletId) {
            this.walletId = walletId;
        }

        /** @return true when nobody works this lane yet: the caller must start {@link #drain()} */
        synchronized boolean enqueue(Charge charge) {
            waiting.add(charge);
            if (draining) {
                return false;
            }
            draining = true;
            return true;
        }

        private synchronized List<Charge> next() {
            List<Charge> batch = new ArrayList<>(Math.min(waiting.size(), DebitTokensTogether.MAX_DEBITS));
            while (!waiting.isEmpty() && batch.size() < DebitTokensTogether.MAX_DEBITS) {
                batch.add(waiting.poll());
            }
            if (batch.isEmpty()) {
                draining = false;
            }
            return batch;
        }

        void drain() {
            for (List<Charge> batch = next(); !batch.isEmpty(); batch = next()) {
                try {
                    charge(batch);
                } catch (RuntimeException | Error unexpected) {
                    // nobody may be left waiting on a charge, or the lane would stay claimed for good
                    batch.forEach(charge -> charge.outcome().completeExceptionally(unexpected));
                }
            }
        }

        /** Fails every waiting charge and frees the lane: no billing thread will work it. */
        synchronized void abandon(RuntimeException why) {
            waiting.forEach(charge -> charge.outcome().completeExceptionally(why));
            waiting.clear();
            draining = false;
        }

        private void charge(List<Charge> batch) {
            if (batch.size() == 1) {
                chargeAlone(batch.get(0));
                return;
            }
            List<DebitOutcome> outcomes;
            try {
                List<DebitTokens> debits = batch.stream().map(Charge::debit).toList();
                outcomes = transaction.inTransaction(
                        () -> commands.<List<DebitOutcome>>sendAndWait(new DebitTokensTogether(walletId, debits)));
            } catch (RuntimeException | Error failed) {
                batch.forEach(ReplyCharges.this::chargeAlone);
                return;
            }
            together.record(batch.size());
            for (int i = 0; i < batch.size(); i++) {
                batch.get(i).outcome().complete(outcomes.get(i));
            }
        }
    }

    private void chargeAlone(Charge charge) {
        try {
            charge.outcome().complete(transaction.inTransaction(() -> commands.<DebitOutcome>sendAndWait(charge.debit())));
            together.record(1);
        } catch (RuntimeException | Error failed) {
            charge.outcome().completeExceptionally(failed);
        }
    }
}
