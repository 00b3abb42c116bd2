package com.chatnation.crm.application.conversations;

import com.chatnation.crm.domain.conversation.ConversationEffect;

/**
 * One named flow across aggregates, started by one kind of {@link ConversationEffect}: it carries out in another
 * aggregate what the conversation decided and, where the conversation waits for the outcome, reports it back.
 * <p>
 * Processes run synchronously, inside the unit of work and transaction of the message that caused them. The
 * contact expects the answer to a message (the next question, the payment instructions) as the reply to that
 * very message, and the inbox marks the message done in the same transaction as every command it caused: so
 * a crash neither loses nor repeats a step, a write conflict retries the whole turn, and the next message of
 * the same contact only runs once this one's process is finished. An asynchronous saga would have to rebuild
 * each of those guarantees.
 *
 * @param <E> the effect this process is started by
 */
interface ConversationProcess<E extends ConversationEffect> {

    /** The effect type this process handles; {@link ConversationProcesses} routes by it. */
    Class<E> effect();

    void run(E effect, EffectOrigin origin);
}
