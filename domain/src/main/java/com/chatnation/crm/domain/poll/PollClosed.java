package com.chatnation.crm.domain.poll;

import java.time.Instant;

/**
 * Voting ended: {@link #BY_STAFF} when someone of the organization closed it, {@link #SCHEDULED} at its closing time.
 * Votes after it are answered and not counted.
 */
public record PollClosed(String pollId, String organizationId, Instant at, String reason) implements PollEvent {

    public static final String BY_STAFF = "closed";
    public static final String SCHEDULED = "scheduled";
}
