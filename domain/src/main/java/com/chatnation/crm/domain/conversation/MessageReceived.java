package com.chatnation.crm.domain.conversation;

import com.chatnation.crm.domain.privacy.DataSubject;
import com.chatnation.crm.domain.privacy.PersonalData;
import com.chatnation.crm.domain.messaging.MessageContent;
import com.chatnation.crm.domain.messaging.MessageContext;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/** The contact said something; kept whole so the transcript can be rebuilt from history. */
@Revision("2")
public record MessageReceived(String conversationId, String sessionId, String organizationId, @DataSubject String contactId,
                              @PersonalData String contactPhone, String messageId, Instant sentAt,
                              @PersonalData(messageText = true) MessageContent content, MessageContext context,
                              @PersonalData String profileName)
        implements ConversationEvent {
}
