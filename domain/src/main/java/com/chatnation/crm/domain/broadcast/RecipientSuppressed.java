package com.chatnation.crm.domain.broadcast;

import com.chatnation.crm.domain.privacy.DataSubject;
import org.axonframework.serialization.Revision;

@Revision("1")
public record RecipientSuppressed(String recipientId, String broadcastId, String organizationId,
                                  @DataSubject String contactId, String reason) implements BroadcastRecipientEvent {
}
