package com.chatnation.crm.domain.conversation;

import com.chatnation.crm.domain.privacy.DataSubject;

import java.time.Instant;

/** {@code agentId} answers the handed-over conversation from now on; {@code assignedBy} decided it (maybe themselves). */
public record ConversationAssigned(String conversationId, String sessionId, String organizationId,
                                   @DataSubject String contactId, String agentId, String assignedBy, Instant at)
        implements ConversationEvent {
}
