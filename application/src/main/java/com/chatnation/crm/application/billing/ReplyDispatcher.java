package com.chatnation.crm.application.billing;

import com.chatnation.crm.application.platform.whatsapp.SendResult;
import com.chatnation.crm.domain.common.PhoneNumber;
import com.chatnation.crm.domain.conversation.HoldReply;
import com.chatnation.crm.domain.conversation.MarkReplyFailed;
import com.chatnation.crm.domain.organization.OrganizationResumed;
import com.chatnation.crm.domain.conversation.MarkReplySent;
import com.chatnation.crm.domain.conversation.ReplyQueued;
import com.chatnation.crm.domain.wallet.DebitOutcome;
import com.chatnation.crm.domain.wallet.DebitTokens;
import com.chatnation.crm.domain.wallet.RefundTokens;
import com.chatnation.crm.domain.wallet.ReservationReleased;
import com.chatnation.crm.domain.wallet.TokensPurchased;
import com.chatnation.crm.domain.wallet.TokensRefunded;
import com.chatnation.crm.domain.wallet.WalletId;
import com.chatnation.crm.projections.organizations.OrganizationRow;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DisallowReplay;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.Timestamp;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.time.Instant;

/**
 * Bills and sends the bot's replies. Each reply is charged to the organization's wallet at its price list's
 * rate for (module, action), with the reply id as the reference so a retry never charges twice, in a
 * transaction of its own ({@link ReplyCharges}), and only then handed to WhatsApp. When the wallet cannot pay, the reply and every later one of that conversation wait,
 * and go out in order after the next purchase. Never runs during a replay: it talks to the outside world.
 * A reply WhatsApp has taken is remembered outside the dispatcher's transaction, so a retry after a failed
 * commit records it rather than sending it again.
 */
@Component
@ProcessingGroup(ReplyDispatcher.GROUP)
@DisallowReplay
public class ReplyDispatcher {

    public static final String GROUP = "reply-dispatch";
    private static final Logger log = LoggerFactory.getLogger(ReplyDispatcher.class);

    private final OutboundReplies replies;
    private final BillingOrganizations organizations;
    private final CommandGateway commands;
    private final ReplyTransport transport;
    private final ReplyCharges charges;
    private final MeterRegistry meters;

    ReplyDispatcher(OutboundReplies replies, BillingOrganizations organizations, CommandGateway commands,
                           ReplyTransport transport, ReplyCharges charges, MeterRegistry meters) {
        this.replies = replies;
        this.charges = charges;
        this.organizations = organizations;
        this.commands = commands;
        this.transport = transport;
        this.meters = meters;
    }

    @EventHandler
    void on(ReplyQueued event, @Timestamp Instant at) {
        replies.add(event, at);
        drain(event.conversationId());
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
        for (String conversationId : replies.conversationsHolding(organizationId)) {
            drain(conversationId);
        }
    }

    private void drain(String conversationId) {
        boolean blocked = false;
        for (OutboundReplies.Row reply : replies.openInOrderLocked(conversationId)) {
            if (blocked) {
                hold(reply, "waiting for an earlier held reply");
                continue;
            }
            blocked = !deliver(reply);
        }
    }

    /** @return false when the reply is held, which blocks the replies after it */
    private boolean deliver(OutboundReplies.Row reply) {
        OrganizationRow organization = organizations.byId(reply.organizationId())
                .orElseThrow(() -> new IllegalStateException("reply for unknown organization " + reply.organizationId()));
        if (organization.suspended()) {
            // the bot of a suspended organization stays silent; its replies wait, in order, for it to be resumed
            hold(reply, "organization suspended");
            return false;
        }
        long price = organization.priceList().priceOf(reply.module(), reply.action()).orElse(0L);
        if (price > 0) {
            DebitOutcome outcome = charges.charge(new DebitTokens(WalletId.forOrganization(reply.organizationId()),
                    reply.module(), reply.action(), reply.replyId(), price));
            if (!outcome.paid()) {
                hold(reply, "insufficient tokens: " + price + " needed, " + outcome.availableBalance() + " available");
                return false;
            }
        }
        String earlier = reply.handedOverAs();
        SendResult result = earlier != null ? new SendResult.Sent(earlier)
                : transport.send(organization.phoneNumberId(), PhoneNumber.of(reply.contactPhone()), reply.reply(),
                reply.inReplyTo());
        if (earlier == null && result instanceof SendResult.Sent handed) {
            replies.handedOver(reply.replyId(), handed.wamid());
        }
        if (result instanceof SendResult.Sent sent) {
            replies.sent(reply.replyId(), sent.wamid(), price);
            commands.sendAndWait(new MarkReplySent(reply.conversationId(), reply.replyId(), sent.wamid(), price));
            meters.counter("crm.replies", "outcome", "sent").increment();
            return true;
        }
        SendResult.Failed failed = (SendResult.Failed) result;
        if (!failed.permanent()) {
            // Rolls back the charge with the transaction; the processor retries the event later.
            throw new IllegalStateException("WhatsApp did not take reply " + reply.replyId() + " (HTTP "
                    + failed.httpStatus() + ", " + failed.errorTitle() + "); will retry");
        }
        log.warn("WhatsApp refused reply {} for good: {} {}", reply.replyId(), failed.errorCode(), failed.errorTitle());
        replies.failed(reply.replyId(), failed.errorCode(), failed.errorTitle(), price);
        commands.sendAndWait(new MarkReplyFailed(reply.conversationId(), reply.replyId(), failed.errorCode(),
                failed.errorTitle()));
        if (price > 0) {
            commands.sendAndWait(new RefundTokens(WalletId.forOrganization(reply.organizationId()), reply.replyId(), price,
                    "reply refused by WhatsApp: " + failed.errorTitle()));
        }
        meters.counter("crm.replies", "outcome", "failed").increment();
        return true;
    }

    private void hold(OutboundReplies.Row reply, String reason) {
        if (!"held".equals(reply.status())) {
            commands.sendAndWait(new HoldReply(reply.conversationId(), reply.replyId(), reason));
            meters.counter("crm.replies", "outcome", "held").increment();
        }
        replies.held(reply.replyId());
    }
}
