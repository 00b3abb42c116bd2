package com.chatnation.crm.domain.broadcast;

import com.chatnation.crm.domain.privacy.DataSubject;
import org.axonframework.serialization.Revision;

import java.time.Instant;

@Revision("1")
public record RecipientSent(String recipientId, String broadcastId, String organizationId,
                            @DataSubject String contactId, String whatsappMessageId, long tokensCaptured,
                            Instant at) implements BroadcastRecipientEvent {
}
