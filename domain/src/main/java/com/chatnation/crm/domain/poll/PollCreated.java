package com.chatnation.crm.domain.poll;

import java.time.Instant;
import java.util.List;

/** A poll exists, with its options numbered from 1; {@code opensAt} is never null (the creation time at the latest). */
public record PollCreated(String pollId, String organizationId, String question, List<PollOption> options,
                          Instant opensAt, Instant closesAt, boolean votesChangeable, String keyword,
                          String eventSessionId, Instant createdAt) implements PollEvent {

    public PollCreated {
        options = List.copyOf(options);
    }
}
