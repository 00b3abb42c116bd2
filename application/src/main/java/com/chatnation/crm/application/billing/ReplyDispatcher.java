package com.chatnation.crm.application.billing;

import com.chatnation.crm.domain.conversation.ReplyQueued;
import com.chatnation.crm.domain.organization.OrganizationResumed;
import com.chatnation.crm.domain.wallet.ReservationReleased;
import com.chatnation.crm.domain.wallet.TokensPurchased;
import com.chatnation.crm.domain.wallet.TokensRefunded;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DisallowReplay;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.Timestamp;
import org.springframework.stereotype.Component;

import java.time.Instant;

/**
 * Queues the bot's replies for sending. Every reply a conversation decides is written to {@code outbound_replies} in
 * the processor's transaction, and once that has committed its conversation is handed to the senders
 * ({@link ReplySenders}), which charge and send it ({@link ReplyDelivery}). A purchase, refund, released reservation
 * or resumed organization hands over the organization's conversations whose replies wait. Never runs during a replay:
 * what it starts talks to the outside world.
 * <p>
 * It is one segment, taking events in batches. It used to send from the processor itself, a thread and a segment per
 * concurrent send: each of those sixteen segments read, and checked, every event of the store to find its share, and
 * each reply was a unit of work of its own. Queueing is cheap and ordered; sending keeps its threads.
 */
@Component
@ProcessingGroup(ReplyDispatcher.GROUP)
@DisallowReplay
public class ReplyDispatcher {

    public static final String GROUP = "reply-queue";
    /** The processor that sent replies itself, sixteen segments; its position is where this one starts. */
    static final String FORMER_GROUP = "reply-dispatch";

    private final OutboundReplies replies;
    private final BillingOrganizations organizations;
    private final ReplySenders senders;

    ReplyDispatcher(OutboundReplies replies, BillingOrganizations organizations, ReplySenders senders) {
        this.replies = replies;
        this.organizations = organizations;
        this.senders = senders;
    }

    @EventHandler
    void on(ReplyQueued event, @Timestamp Instant at) {
        replies.add(event, at);
        senders.sendAfterCommit(event.conversationId());
    }

    @EventHandler
    void on(TokensPurchased event) {
        releaseHeld(event.organizationId());
    }

    @EventHandler
    void on(TokensRefunded event) {
        releaseHeld(event.organizationId());
    }

    @EventHandler
    void on(ReservationReleased event) {
        releaseHeld(event.organizationId());
    }

    @EventHandler
    void on(OrganizationResumed event) {
        organizations.forget(event.organizationId());
        releaseHeld(event.organizationId());
    }

    private void releaseHeld(String organizationId) {
        replies.conversationsHolding(organizationId).forEach(senders::sendAfterCommit);
    }
}
