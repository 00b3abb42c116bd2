package com.chatnation.crm.application.platform.readmodels;

import com.chatnation.crm.projections.ReadTables;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.annotation.HandlerEnhancerDefinition;
import org.axonframework.messaging.annotation.MessageHandlingMember;
import org.axonframework.messaging.annotation.WrappedMessageHandlingMember;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.core.annotation.AnnotatedElementUtils;

import java.lang.reflect.Executable;

/**
 * Wraps the read-model projections' event handlers so that a handler's writes for one event are all or nothing
 * ({@link TransactionBatchingJdbcTemplate#isolated}), which is what lets Axon's dead-letter queue park a failing
 * event while the events around it are applied: PostgreSQL aborts the whole transaction on a failed statement, and
 * queued statements only fail when they are sent, after the handler returned.
 * <p>
 * Batches run optimistically: while the unit of work carries {@link #BATCHED}, handlers queue their writes for the
 * commit as before. When such a batch fails, the processor runs it again without that mark (see the dead-letter
 * configuration), one savepoint per handler invocation. Retries of dead letters never carry it.
 */
public final class HandlerSavepoints implements HandlerEnhancerDefinition {

    /** Unit-of-work resource: {@code true} while the current event may be handled as part of an optimistic batch. */
    public static final String BATCHED = HandlerSavepoints.class.getName() + ".batched";

    private static final String FAILED = HandlerSavepoints.class.getName() + ".failed";

    private final TransactionBatchingJdbcTemplate jdbc;

    HandlerSavepoints(TransactionBatchingJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public <T> MessageHandlingMember<T> wrapHandler(MessageHandlingMember<T> original) {
        if (!original.canHandleMessageType(EventMessage.class) || !isReadModelHandler(original)) {
            return original;
        }
        return new WrappedMessageHandlingMember<>(original) {
            @Override
            public Object handle(Message<?> message, T target) throws Exception {
                if (batched()) {
                    try {
                        return super.handle(message, target);
                    } catch (Exception e) {
                        failBatch(e);
                        throw e;
                    }
                }
                return jdbc.isolated(() -> super.handle(message, target));
            }
        };
    }

    /**
     * A handler of an optimistic batch threw: what it queued before throwing must not be committed, so the batch
     * fails as a whole (the dead-letter queue would otherwise park the event and commit its half-made writes) and
     * is handled again carefully.
     */
    private static void failBatch(Exception cause) {
        UnitOfWork<?> batch = CurrentUnitOfWork.get().root();
        if (batch.resources().putIfAbsent(FAILED, cause) == null) {
            batch.onPrepareCommit(u -> {
                throw new IllegalStateException("a handler failed in this batch; it is handled again event by event",
                        cause);
            });
        }
    }

    private static boolean batched() {
        return CurrentUnitOfWork.isStarted()
                && Boolean.TRUE.equals(CurrentUnitOfWork.get().root().resources().get(BATCHED));
    }

    private static boolean isReadModelHandler(MessageHandlingMember<?> handler) {
        return handler.unwrap(Executable.class)
                .map(Executable::getDeclaringClass)
                .map(type -> AnnotatedElementUtils.findMergedAnnotation(type, ProcessingGroup.class))
                .map(group -> ReadTables.BY_GROUP.containsKey(group.value()))
                .orElse(false);
    }
}
