package com.chatnation.crm.application.platform.deadletters;

import com.chatnation.crm.application.platform.readmodels.HandlerSavepoints;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Decides, per event of a projection's batch, whether it is handled optimistically (writes queued for the commit,
 * {@link HandlerSavepoints#BATCHED}) or one handler at a time in savepoints. A batch that fails (a statement
 * refused at commit, a handler that threw) is rolled back by the processor, which retries it after a second; the
 * events up to the last one of that batch are then handled carefully, so the one that cannot be applied is caught
 * by the dead-lettering invoker while the others are applied. After that position, batches are optimistic again.
 * Only the processor's own batches are affected: retries of dead letters run in units of work of another kind and
 * are always careful.
 */
final class FailedBatches implements MessageHandlerInterceptor<EventMessage<?>> {

    private static final Logger log = LoggerFactory.getLogger(FailedBatches.class);
    private static final String SEEN = FailedBatches.class.getName() + ".lastPosition";

    private final String group;
    /** Events at or before this global index are handled carefully; -1: none. */
    private final AtomicLong carefulUntil = new AtomicLong(-1);

    FailedBatches(String group) {
        this.group = group;
    }

    @Override
    public Object handle(UnitOfWork<? extends EventMessage<?>> unitOfWork,
                         InterceptorChain interceptorChain) throws Exception {
        UnitOfWork<?> batch = unitOfWork.root();
        if (!(batch instanceof BatchingUnitOfWork<?>)
                || !(unitOfWork.getMessage() instanceof TrackedEventMessage<?> tracked)) {
            return interceptorChain.proceed();
        }
        long position = tracked.trackingToken().position().orElse(Long.MAX_VALUE);
        AtomicLong last = (AtomicLong) batch.resources().computeIfAbsent(SEEN, key -> {
            AtomicLong seen = new AtomicLong(-1);
            batch.onRollback(failed -> careful(seen.get(), failed.getExecutionResult().getExceptionResult()));
            return seen;
        });
        last.accumulateAndGet(position, Math::max);
        batch.resources().put(HandlerSavepoints.BATCHED, position > carefulUntil.get());
        return interceptorChain.proceed();
    }

    private void careful(long until, Throwable cause) {
        if (until > carefulUntil.getAndAccumulate(until, Math::max)) {
            log.info("{}: a batch up to global index {} failed ({}); its events are handled one by one, a failing one "
                    + "becomes a dead letter", group, until, cause == null ? "rolled back" : cause.toString());
        }
    }
}
