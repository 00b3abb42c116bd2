package com.chatnation.crm.domain.conversation;

import java.util.Map;
import org.axonframework.serialization.Revision;

/** The conversation moved in its state machine. */
@Revision("1")
public record StateChanged(String conversationId, String sessionId, String organizationId, String contactPhone, String fromState, String toState, String step, String module,
                           Map<String, String> stateData)
        implements ConversationEvent {
}
