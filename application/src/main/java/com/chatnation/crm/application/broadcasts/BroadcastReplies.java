package com.chatnation.crm.application.broadcasts;

import com.chatnation.crm.domain.broadcast.RecordRecipientReply;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * A contact who writes within 24 hours of a broadcast's message has replied to it. Asked by the inbound path for
 * every message, inside its transaction: one indexed lookup of the broadcasts sent to the contact that day, and a
 * command only when there is one. (A processor of its own would have read, and unsealed, every message again.)
 */
@Component
public class BroadcastReplies {

    private static final Duration REPLY_WINDOW = Duration.ofHours(24);

    private final BroadcastSends sends;
    private final CommandGateway commands;

    BroadcastReplies(BroadcastSends sends, CommandGateway commands) {
        this.sends = sends;
        this.commands = commands;
    }

    public void contactWrote(String organizationId, String contactId, Instant at) {
        if (contactId == null || at == null) {
            return;
        }
        UUID contact;
        try {
            contact = UUID.fromString(contactId);
        } catch (IllegalArgumentException notAnOpaqueId) {
            return;
        }
        for (String recipientId : sends.sentTo(organizationId, contact, at.minus(REPLY_WINDOW))) {
            commands.sendAndWait(new RecordRecipientReply(recipientId, at));
        }
    }
}
