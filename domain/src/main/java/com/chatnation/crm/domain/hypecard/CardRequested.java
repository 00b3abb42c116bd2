package com.chatnation.crm.domain.hypecard;

import com.chatnation.crm.domain.privacy.DataSubject;
import com.chatnation.crm.domain.privacy.PersonalData;

import java.time.Instant;

/** A card is to be drawn. The name and title are the contact's own words, sealed with the contact's key. */
public record CardRequested(String cardId, String organizationId, String templateId, String conversationId,
                            @DataSubject String contactId, @PersonalData String name, @PersonalData String title,
                            String photoMessageId, String shareCode, Instant requestedAt) implements HypeCardEvent {
}
