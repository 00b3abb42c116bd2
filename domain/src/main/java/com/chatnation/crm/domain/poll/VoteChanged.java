package com.chatnation.crm.domain.poll;

import com.chatnation.crm.domain.privacy.DataSubject;

import java.time.Instant;

/** A contact's vote moved from one option to another, while the poll was open and allowed it. */
public record VoteChanged(String pollId, String organizationId, @DataSubject String contactId,
                          String previousOptionId, String optionId, Instant at) implements PollEvent {
}
