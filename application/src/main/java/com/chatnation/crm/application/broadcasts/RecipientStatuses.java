package com.chatnation.crm.application.broadcasts;

import com.chatnation.crm.domain.broadcast.RecordRecipientStatus;
import com.chatnation.crm.domain.conversation.DeliveryStatus;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.stereotype.Component;

import java.time.Instant;

/**
 * Records a WhatsApp status webhook about a broadcast's message on its recipient. The recipient moves forward
 * only (delivered after read, or a duplicate, changes nothing), whatever order the statuses arrive in.
 */
@Component
public class RecipientStatuses {

    private final BroadcastSends sends;
    private final CommandGateway commands;

    RecipientStatuses(BroadcastSends sends, CommandGateway commands) {
        this.sends = sends;
        this.commands = commands;
    }

    /** @return false when {@code wamid} is not a broadcast's message of this organization */
    public boolean record(String organizationId, String wamid, DeliveryStatus status, Instant at, Integer errorCode,
                          String errorTitle) {
        return sends.recipientOf(organizationId, wamid).map(recipientId -> {
            if (status != DeliveryStatus.SENT) { // "sent" is what the send itself recorded
                commands.sendAndWait(new RecordRecipientStatus(recipientId, status, at == null ? Instant.now() : at,
                        errorCode, errorTitle));
            }
            return true;
        }).orElse(false);
    }
}
