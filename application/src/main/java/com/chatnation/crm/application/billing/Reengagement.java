package com.chatnation.crm.application.billing;

import com.chatnation.crm.application.platform.whatsapp.SendResult;
import com.chatnation.crm.application.platform.whatsapp.TemplateMessage;
import com.chatnation.crm.domain.common.PhoneNumber;
import com.chatnation.crm.domain.wallet.DebitOutcome;
import com.chatnation.crm.domain.wallet.DebitTokens;
import com.chatnation.crm.domain.wallet.WalletId;
import com.chatnation.crm.projections.organizations.OrganizationRow;
import com.chatnation.crm.projections.queries.TemplateQueries;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.util.Optional;

/**
 * Sends the message template a reply names ({@code reengageTemplate}) in the reply's place once the contact's
 * 24-hour window has closed: the organization's approved template of that name ({@link ReengagementTemplate}),
 * charged at its category's price ({@code templates/<category>}; none listed: free) under the reply's id, like a
 * reply, so a retry never charges twice. What WhatsApp took is remembered as the reply's handover, so a retry after
 * a failed commit records it rather than sending it again. The dispatcher records the outcome as it does a reply's.
 */
@Component
class Reengagement {

    static final String MODULE = "templates";
    private static final Logger log = LoggerFactory.getLogger(Reengagement.class);

    /** What became of a reply offered to re-engagement. */
    sealed interface Outcome {
    }

    /** The template went out as the reply, charged {@code tokens}. */
    record Sent(String wamid, long tokens) implements Outcome {
    }

    /** The wallet cannot pay for the template: the reply waits, as a reply does. */
    record Held(String reason) implements Outcome {
    }

    /**
     * No template went out: none could be sent (no approved one of that name, or it needs more than the reply), or
     * WhatsApp refused it for good ({@code errorCode}). The reply expires; {@code charged} is to be refunded.
     */
    record NotSent(Integer errorCode, long charged) implements Outcome {
        static final NotSent NO_TEMPLATE = new NotSent(null, 0);
    }

    private final TemplateQueries templates;
    private final ReplyCharges charges;
    private final ReplyTransport transport;
    private final OutboundReplies replies;

    Reengagement(TemplateQueries templates, ReplyCharges charges, ReplyTransport transport, OutboundReplies replies) {
        this.templates = templates;
        this.charges = charges;
        this.transport = transport;
        this.replies = replies;
    }

    /**
     * @throws IllegalStateException when WhatsApp could not be reached or answered with a passing failure: the
     *                               dispatcher's transaction rolls back and the processor retries the reply later
     */
    Outcome sendTemplateInstead(OutboundReplies.Row reply, OrganizationRow organization) {
        if (reply.templateTokens() != null) {
            return new Sent(reply.handedOverAs(), reply.templateTokens()); // an earlier attempt got it out
        }
        Optional<ReengagementTemplate> template = ReengagementTemplate.choose(
                templates.named(reply.organizationId(), reply.reengageTemplate()));
        Optional<TemplateMessage> message = template.flatMap(t -> t.message(reply.reply().fallbackText()));
        if (message.isEmpty()) {
            return NotSent.NO_TEMPLATE;
        }
        String action = template.get().category().priceAction();
        long price = organization.priceList().priceOf(MODULE, action).orElse(0L);
        if (price > 0) {
            DebitOutcome outcome = charges.charge(new DebitTokens(WalletId.forOrganization(reply.organizationId()),
                    MODULE, action, reply.replyId(), price));
            if (!outcome.paid()) {
                return new Held("insufficient tokens for template '" + reply.reengageTemplate() + "': " + price
                        + " needed, " + outcome.availableBalance() + " available");
            }
        }
        SendResult result = transport.sendTemplate(organization.phoneNumberId(), PhoneNumber.of(reply.contactPhone()),
                message.get());
        if (result instanceof SendResult.Sent sent) {
            replies.handedOverAsTemplate(reply.replyId(), sent.wamid(), price);
            return new Sent(sent.wamid(), price);
        }
        SendResult.Failed failed = (SendResult.Failed) result;
        if (!failed.permanent()) {
            // The charge stays committed; the retry finds it under the reply's id and does not charge again.
            throw new IllegalStateException("WhatsApp did not take template '" + reply.reengageTemplate()
                    + "' for reply " + reply.replyId() + " (HTTP " + failed.httpStatus() + ", " + failed.errorTitle()
                    + "); will retry");
        }
        log.warn("WhatsApp refused template '{}' for reply {} for good: {} {}", reply.reengageTemplate(),
                reply.replyId(), failed.errorCode(), failed.errorTitle());
        return new NotSent(failed.errorCode(), price);
    }
}
