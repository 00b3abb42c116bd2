package com.chatnation.crm.domain.hypecard;

import com.chatnation.crm.domain.privacy.DataSubject;

import java.time.Instant;

public record CardFailed(String cardId, String organizationId, String templateId, String conversationId,
                         @DataSubject String contactId, String reason, Instant at) implements HypeCardEvent {
}
