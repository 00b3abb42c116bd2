package com.chatnation.crm.domain.broadcast;

import com.chatnation.crm.domain.conversation.DeliveryStatus;
import com.chatnation.crm.domain.privacy.DataSubject;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/** The recipient moved forward; a failure carries WhatsApp's error and the tokens to give back. */
@Revision("1")
public record RecipientDeliveryUpdated(String recipientId, String broadcastId, String organizationId,
                                       @DataSubject String contactId, DeliveryStatus status, Instant at,
                                       Integer errorCode, String errorTitle, long tokensToRefund)
        implements BroadcastRecipientEvent {
}
