package com.chatnation.crm.domain.broadcast;

import com.chatnation.crm.domain.privacy.DataSubject;
import com.chatnation.crm.domain.privacy.PersonalData;
import org.axonframework.serialization.Revision;

import java.util.List;

@Revision("1")
public record RecipientQueued(String recipientId, String broadcastId, String organizationId,
                              @DataSubject String contactId, @PersonalData String phone,
                              @PersonalData List<String> parameters) implements BroadcastRecipientEvent {
}
