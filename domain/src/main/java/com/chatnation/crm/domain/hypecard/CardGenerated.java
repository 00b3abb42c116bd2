package com.chatnation.crm.domain.hypecard;

import com.chatnation.crm.domain.privacy.DataSubject;

import java.time.Instant;

public record CardGenerated(String cardId, String organizationId, String templateId, String conversationId,
                            @DataSubject String contactId, String shareCode, String imageKey, long sizeBytes,
                            String sha256, Instant at) implements HypeCardEvent {
}
