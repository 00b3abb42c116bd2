package com.chatnation.crm.domain.conversation;

import com.chatnation.crm.domain.privacy.DataSubject;
import com.chatnation.crm.domain.privacy.PersonalData;

import java.time.Instant;

/**
 * An internal note of the team about the conversation, never sent to the contact. What it says is about the
 * contact, so it is sealed like the contact's own words (and falls under the organization's text retention).
 */
public record NoteAdded(String conversationId, String sessionId, String organizationId, @DataSubject String contactId,
                        String noteId, String agentId, @PersonalData(messageText = true) String text, Instant at)
        implements ConversationEvent {
}
