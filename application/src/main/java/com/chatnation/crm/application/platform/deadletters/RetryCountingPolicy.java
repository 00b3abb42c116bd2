package com.chatnation.crm.application.platform.deadletters;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.deadletter.Decisions;
import org.axonframework.messaging.deadletter.EnqueueDecision;
import org.axonframework.messaging.deadletter.EnqueuePolicy;
import org.axonframework.messaging.deadletter.ThrowableCause;


/**
 * Every failure is kept (a projection's failure is a bug or bad data, and dropping the event would silently lose it
 * from the read model); the letter counts how often a retry failed in its diagnostics ({@value #RETRIES}), and its
 * cause is cut to what the table's column holds.
 */
final class RetryCountingPolicy implements EnqueuePolicy<EventMessage<?>> {

    static final String RETRIES = "retries";

    @Override
    public EnqueueDecision<EventMessage<?>> decide(DeadLetter<? extends EventMessage<?>> letter,
                                                   Throwable cause) {
        boolean retried = letter.cause().isPresent() && letter.diagnostics().containsKey(RETRIES);
        return Decisions.enqueue(ThrowableCause.truncated(cause), failed -> failed.diagnostics()
                .and(RETRIES, retried ? retries(failed) + 1 : 0));
    }

    private static long retries(DeadLetter<?> letter) {
        return letter.diagnostics().get(RETRIES) instanceof Number count ? count.longValue() : 0;
    }
}
