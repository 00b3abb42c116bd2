package com.chatnation.crm.application.billing;

import com.chatnation.crm.domain.common.DomainRuleViolation;
import com.chatnation.crm.domain.conversation.DeliveryStatus;
import com.chatnation.crm.domain.conversation.ReplyDeliveryUpdated;
import com.chatnation.crm.domain.wallet.RefundTokens;
import com.chatnation.crm.domain.wallet.WalletId;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DisallowReplay;
import org.axonframework.eventhandling.EventHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * A reply WhatsApp took and later reported failed (a status webhook: the number is not on WhatsApp, the message
 * was undeliverable) is refunded, as a reply refused at once already is. It runs with the reply queue (same
 * processing group, same transaction): marking the reply failed in the replies' table and refunding commit
 * together, so a redelivered status refunds nothing twice.
 */
@Component
@ProcessingGroup(ReplyDispatcher.GROUP)
@DisallowReplay
class LateFailureRefunds {

    private static final Logger log = LoggerFactory.getLogger(LateFailureRefunds.class);

    private final OutboundReplies replies;
    private final CommandGateway commands;
    private final MeterRegistry meters;

    LateFailureRefunds(OutboundReplies replies, CommandGateway commands, MeterRegistry meters) {
        this.replies = replies;
        this.commands = commands;
        this.meters = meters;
    }

    @EventHandler
    void on(ReplyDeliveryUpdated event) {
        if (event.status() != DeliveryStatus.FAILED) {
            return;
        }
        long charged = replies.failedAfterSending(event.replyId(), event.errorCode(), event.errorTitle());
        if (charged <= 0) {
            return;
        }
        try {
            commands.sendAndWait(new RefundTokens(WalletId.forOrganization(event.organizationId()), event.replyId(),
                    charged, "reply failed after sending: " + event.errorCode() + " " + event.errorTitle()));
            meters.counter("crm.replies", "outcome", "refunded_late_failure").increment();
        } catch (DomainRuleViolation notRefundable) {
            // the wallet no longer remembers the debit (thousands of debits later) or already refunded it
            log.warn("reply {} failed after sending but was not refunded: {}", event.replyId(),
                    notRefundable.getMessage());
        }
    }
}
