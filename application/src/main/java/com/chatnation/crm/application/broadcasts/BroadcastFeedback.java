package com.chatnation.crm.application.broadcasts;

import com.chatnation.crm.domain.broadcast.RecipientDeliveryUpdated;
import com.chatnation.crm.domain.conversation.DeliveryStatus;
import com.chatnation.crm.domain.wallet.RefundTokens;
import com.chatnation.crm.domain.wallet.WalletId;
import com.chatnation.crm.domain.common.DomainRuleViolation;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DisallowReplay;
import org.axonframework.eventhandling.EventHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;


/**
 * A broadcast's message WhatsApp reports failed after taking it is refunded (its share was captured; one not
 * captured yet is simply never captured). Each batch is handled in one transaction with the processor's position,
 * so a redelivered event refunds nothing twice. Never replayed: it changes wallets.
 */
@Component
@ProcessingGroup(BroadcastFeedback.GROUP)
@DisallowReplay
class BroadcastFeedback {

    static final String GROUP = "broadcast-feedback";
    private static final Logger log = LoggerFactory.getLogger(BroadcastFeedback.class);

    private final BroadcastSends sends;
    private final CommandGateway commands;

    BroadcastFeedback(BroadcastSends sends, CommandGateway commands) {
        this.sends = sends;
        this.commands = commands;
    }

    @EventHandler
    void on(RecipientDeliveryUpdated event) {
        if (event.status() != DeliveryStatus.FAILED || event.tokensToRefund() <= 0) {
            return;
        }
        if (sends.failedAfterSending(event.recipientId()).orElse(false)) {
            try {
                commands.sendAndWait(new RefundTokens(WalletId.forOrganization(event.organizationId()),
                        event.broadcastId(), event.tokensToRefund(),
                        "broadcast message failed: " + event.errorCode() + " " + event.errorTitle()));
            } catch (DomainRuleViolation notRefundable) {
                // the wallet no longer remembers the broadcast (a thousand broadcasts later): nothing left to give back
                log.warn("broadcast {}: failed message of {} not refunded: {}", event.broadcastId(),
                        event.recipientId(), notRefundable.getMessage());
            }
        }
    }
}
