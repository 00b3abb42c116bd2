package com.chatnation.crm.domain.conversation;

import com.chatnation.crm.domain.privacy.DataSubject;

import java.time.Instant;

/**
 * A file the contact sent is kept in the service's media store under {@code storageKey} (WhatsApp deletes its copy
 * after about 30 days). The key, type, size and SHA-256 describe the file, not the person.
 */
public record MediaStored(String conversationId, String sessionId, String organizationId, @DataSubject String contactId,
                          String messageId, String mediaId, String storageKey, String mimeType, long sizeBytes,
                          String sha256, Instant storedAt) implements ConversationEvent {
}
