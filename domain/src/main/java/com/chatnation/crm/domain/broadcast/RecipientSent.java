package com.chatnation.crm.domain.broadcast;

import com.chatnation.crm.domain.privacy.DataSubject;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/** {@code category} is the template's (MARKETING, UTILITY, AUTHENTICATION); null in sends recorded before it was kept. */
@Revision("1")
public record RecipientSent(String recipientId, String broadcastId, String organizationId,
                            @DataSubject String contactId, String whatsappMessageId, long tokensCaptured,
                            String category, Instant at) implements BroadcastRecipientEvent {
}
