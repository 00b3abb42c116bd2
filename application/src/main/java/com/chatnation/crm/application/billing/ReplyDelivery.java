package com.chatnation.crm.application.billing;

import com.chatnation.crm.application.platform.whatsapp.SendResult;
import com.chatnation.crm.domain.common.PhoneNumber;
import com.chatnation.crm.domain.conversation.ConsentSource;
import com.chatnation.crm.domain.conversation.ConversationId;
import com.chatnation.crm.domain.conversation.ExpireReply;
import com.chatnation.crm.domain.conversation.HoldReply;
import com.chatnation.crm.domain.conversation.RecordMarketingConsent;
import com.chatnation.crm.domain.conversation.ReplyExpired;
import com.chatnation.crm.domain.conversation.MarkReplyFailed;
import com.chatnation.crm.domain.conversation.MarkReplySent;
import com.chatnation.crm.domain.wallet.DebitOutcome;
import com.chatnation.crm.domain.wallet.DebitTokens;
import com.chatnation.crm.domain.wallet.RefundTokens;
import com.chatnation.crm.domain.wallet.WalletId;
import com.chatnation.crm.projections.organizations.OrganizationRow;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.time.Instant;

/**
 * Bills and sends the open replies of one conversation, in order. Each reply is charged to the organization's wallet
 * at its price list's rate for (module, action), with the reply id as the reference so a retry never charges twice,
 * in a transaction of its own ({@link ReplyCharges}), and only then handed to WhatsApp. When the wallet cannot pay,
 * the reply and every later one of that conversation wait, and go out in order after the next purchase. A reply
 * WhatsApp has taken is remembered outside the drain's transaction, so a retry after a failed commit records it
 * rather than sending it again.
 * <p>
 * WhatsApp takes free-form replies only within 24 hours of the contact's last message. A reply found outside that
 * window (typically one held for tokens and released later) is not attempted: it ends {@code expired}, uncharged.
 * WhatsApp's own verdict on the window, error 131047, is recorded the same way and its charge refunded; 131050
 * (the contact stopped marketing messages) also records the contact's opt-out. A reply that names a template to
 * re-engage with has that template sent in its place instead ({@link Reengagement}), when one can be.
 * <p>
 * The caller runs {@link #drain(String)} in a transaction ({@link ReplySenders}); the replies' rows stay locked until
 * it commits, so one conversation is drained by one thread of one instance at a time.
 */
@Component
class ReplyDelivery {

    private static final Logger log = LoggerFactory.getLogger(ReplyDelivery.class);
    /** "Re-engagement message": more than 24 hours since the contact last wrote. */
    static final int WINDOW_CLOSED_CODE = 131047;
    /** The contact stopped the business's marketing messages. */
    static final int MARKETING_STOPPED_CODE = 131050;

    private final OutboundReplies replies;
    private final BillingOrganizations organizations;
    private final CommandGateway commands;
    private final ReplyTransport transport;
    private final ReplyCharges charges;
    private final MeterRegistry meters;
    private final Reengagement reengagement;

    ReplyDelivery(OutboundReplies replies, BillingOrganizations organizations, CommandGateway commands,
                  ReplyTransport transport, ReplyCharges charges, MeterRegistry meters, Reengagement reengagement) {
        this.reengagement = reengagement;
        this.replies = replies;
        this.charges = charges;
        this.organizations = organizations;
        this.commands = commands;
        this.transport = transport;
        this.meters = meters;
    }

    /**
     * Sends the conversation's open replies in order, until one has to be held (the ones after it are held too).
     * Throws when WhatsApp could not be reached or refused for now: the caller rolls back and tries again later.
     */
    void drain(String conversationId) {
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
        // A reply an earlier attempt handed over goes on as it went out: free-form, or as its template.
        if (reply.handedOverAs() == null ? reply.outsideWindow(Instant.now()) : reply.templateTokens() != null) {
            return deliverOutsideWindow(reply, organization);
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
            sent(reply, sent.wamid(), price);
            return true;
        }
        SendResult.Failed failed = (SendResult.Failed) result;
        if (!failed.permanent()) {
            // Rolls back the charge with the transaction; the processor retries the event later.
            throw new IllegalStateException("WhatsApp did not take reply " + reply.replyId() + " (HTTP "
                    + failed.httpStatus() + ", " + failed.errorTitle() + "); will retry");
        }
        if (Integer.valueOf(WINDOW_CLOSED_CODE).equals(failed.errorCode())) {
            expire(reply, failed.errorCode(), ReplyExpired.RE_ENGAGEMENT_REQUIRED, price);
            return true;
        }
        log.warn("WhatsApp refused reply {} for good: {} {}", reply.replyId(), failed.errorCode(), failed.errorTitle());
        replies.failed(reply.replyId(), failed.errorCode(), failed.errorTitle(), price);
        commands.sendAndWait(new MarkReplyFailed(reply.conversationId(), reply.replyId(), failed.errorCode(),
                failed.errorTitle()));
        if (price > 0) {
            commands.sendAndWait(new RefundTokens(WalletId.forOrganization(reply.organizationId()), reply.replyId(), price,
                    "reply refused by WhatsApp: " + failed.errorTitle()));
        }
        String contactId = ConversationId.contactIdOf(reply.conversationId(), reply.organizationId());
        if (Integer.valueOf(MARKETING_STOPPED_CODE).equals(failed.errorCode()) && contactId != null) {
            commands.sendAndWait(new RecordMarketingConsent(reply.conversationId(), reply.organizationId(), contactId,
                    false, ConsentSource.ERROR_131050, Instant.now()));
        }
        meters.counter("crm.replies", "outcome", "failed").increment();
        return true;
    }

    /**
     * The window had closed: the template the reply names goes out in its place, recorded as the reply (so the
     * transcript shows it and its delivery statuses find it by wamid); without one that can be sent the reply expires.
     * A template the wallet cannot pay for holds the reply like any reply.
     */
    private boolean deliverOutsideWindow(OutboundReplies.Row reply, OrganizationRow organization) {
        Reengagement.Outcome outcome = reply.reengageTemplate() == null ? Reengagement.NotSent.NO_TEMPLATE
                : reengagement.sendTemplateInstead(reply, organization);
        if (outcome instanceof Reengagement.Sent sent) {
            sent(reply, sent.wamid(), sent.tokens());
            meters.counter("crm.replies.reengaged").increment();
            return true;
        }
        if (outcome instanceof Reengagement.Held held) {
            hold(reply, held.reason());
            return false;
        }
        Reengagement.NotSent notSent = (Reengagement.NotSent) outcome;
        expire(reply, notSent.errorCode(), ReplyExpired.WINDOW_CLOSED, notSent.charged());
        return true; // the replies after it meet the same closed window, each on its own
    }

    private void sent(OutboundReplies.Row reply, String wamid, long price) {
        replies.sent(reply.replyId(), wamid, price);
        commands.sendAndWait(new MarkReplySent(reply.conversationId(), reply.replyId(), wamid, price));
        meters.counter("crm.replies", "outcome", "sent").increment();
    }

    /**
     * Not sent free-form: the window had closed. A charge taken before WhatsApp said so (131047), or for a template
     * it refused in the reply's place, is refunded.
     */
    private void expire(OutboundReplies.Row reply, Integer errorCode, String reason, long charged) {
        replies.expired(reply.replyId(), errorCode, "window closed", charged);
        commands.sendAndWait(new ExpireReply(reply.conversationId(), reply.replyId(), reason));
        if (charged > 0) {
            commands.sendAndWait(new RefundTokens(WalletId.forOrganization(reply.organizationId()), reply.replyId(),
                    charged, "reply outside the contact's 24-hour window"));
        }
        meters.counter("crm.replies", "outcome", "expired").increment();
    }

    private void hold(OutboundReplies.Row reply, String reason) {
        if (!"held".equals(reply.status())) {
            commands.sendAndWait(new HoldReply(reply.conversationId(), reply.replyId(), reason));
            meters.counter("crm.replies", "outcome", "held").increment();
        }
        replies.held(reply.replyId());
    }
}
