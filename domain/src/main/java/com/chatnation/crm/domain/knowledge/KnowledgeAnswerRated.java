package com.chatnation.crm.domain.knowledge;

import com.chatnation.crm.domain.privacy.DataSubject;

import java.time.Instant;

public record KnowledgeAnswerRated(String queryId, String organizationId, @DataSubject String contactId,
                                   boolean helpful, Instant at) {
}
