package com.chatnation.crm.domain.poll;

import com.chatnation.crm.domain.privacy.DataSubject;

import java.time.Instant;

/**
 * A contact's first vote in a poll. The contact is named by the directory's opaque id only: once the contact is
 * erased nothing links the vote to a person, and results replayed after an erasure still count it.
 */
public record VoteCast(String pollId, String organizationId, @DataSubject String contactId, String optionId,
                       Instant at) implements PollEvent {
}
