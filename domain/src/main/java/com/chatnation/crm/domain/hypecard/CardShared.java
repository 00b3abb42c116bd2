package com.chatnation.crm.domain.hypecard;

import com.chatnation.crm.domain.privacy.DataSubject;

import java.time.Instant;

public record CardShared(String cardId, String organizationId, String templateId, @DataSubject String contactId,
                         String channel, Instant at) implements HypeCardEvent {
}
