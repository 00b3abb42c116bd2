package com.chatnation.crm.domain.conversation;

import com.chatnation.crm.domain.privacy.DataSubject;
import java.util.Map;
import org.axonframework.serialization.Revision;

/** The conversation moved in its state machine. */
@Revision("2")
public record StateChanged(String conversationId, String sessionId, String organizationId, @DataSubject String contactId, String fromState, String toState, String step, String module,
                           Map<String, String> stateData)
        implements ConversationEvent {
}
