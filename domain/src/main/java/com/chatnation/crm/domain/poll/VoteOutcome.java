package com.chatnation.crm.domain.poll;

import java.time.Instant;

/**
 * What became of a vote, with what the conversation needs to answer it.
 *
 * @param optionLabel   the option voted for (null when the option or poll is unknown)
 * @param previousLabel the option the contact's vote was for before (CHANGED, CHANGE_NOT_ALLOWED)
 * @param question      the poll's question (null when the poll is unknown)
 * @param closesAt      when voting ends (NOT_OPEN_YET, COUNTED, CHANGED) or ended (CLOSED); null when open-ended
 * @param opensAt       when voting starts (NOT_OPEN_YET)
 */
public record VoteOutcome(Result result, String question, String optionLabel, String previousLabel,
                          Instant opensAt, Instant closesAt) {

    public enum Result {
        /** The contact's first vote in this poll; it counts. */
        COUNTED,
        /** The contact's vote now counts for another option. */
        CHANGED,
        /** The contact picked the option their vote already counts for; nothing changes. */
        UNCHANGED,
        /** Votes in this poll cannot be changed, and the contact already voted for another option. */
        CHANGE_NOT_ALLOWED,
        NOT_OPEN_YET,
        CLOSED,
        /** The poll has no such option. */
        UNKNOWN_OPTION,
        /** No such poll in the contact's organization. */
        UNKNOWN_POLL;

        /** Whether the contact's vote now counts for the option they picked. */
        public boolean counts() {
            return this == COUNTED || this == CHANGED || this == UNCHANGED;
        }
    }

    public static VoteOutcome unknownPoll() {
        return new VoteOutcome(Result.UNKNOWN_POLL, null, null, null, null, null);
    }
}
