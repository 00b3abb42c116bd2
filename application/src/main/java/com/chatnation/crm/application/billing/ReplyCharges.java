package com.chatnation.crm.application.billing;

import com.chatnation.crm.application.platform.transactions.TransactionalRetry;
import com.chatnation.crm.domain.wallet.DebitOutcome;
import com.chatnation.crm.domain.wallet.DebitTokens;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;

/**
 * Charges a reply in a transaction of its own, committed before the reply is handed to WhatsApp.
 *
 * <p>Inside the dispatcher's transaction the charge kept the organization's wallet locked until that transaction
 * committed, that is, across the call to the Graph API: an organization's replies went out one at a time. Committed
 * first, the wallet is free again in milliseconds. A charge that outlives a failed send is not lost or repeated:
 * the retry finds the reply's reference already debited, and a reply WhatsApp refuses for good is refunded.
 * Axon keeps one unit of work per thread, so the separate transaction runs on a thread of its own.
 */
@Component
class ReplyCharges {

    private final CommandGateway commands;
    private final TransactionalRetry transaction;
    private final Executor billing;

    /** @param billing the {@code replyBillingExecutor} ({@code TaskExecutors}), as many threads as the dispatcher */
    ReplyCharges(CommandGateway commands, TransactionalRetry transaction,
                 @Qualifier("replyBillingExecutor") Executor billing) {
        this.commands = commands;
        this.transaction = transaction;
        this.billing = billing;
    }

    /** Debits the wallet for a reply and commits; answers how the wallet took it. */
    DebitOutcome charge(DebitTokens debit) {
        try {
            return CompletableFuture.supplyAsync(() -> transaction.inTransaction(
                    () -> commands.<DebitOutcome>sendAndWait(debit)), billing).join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw e;
        }
    }
}
