package com.chatnation.crm.domain.conversation;

import com.chatnation.crm.domain.poll.PollOption;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The organization's polls, as the conversation needs them to show one and read a typed vote. */
public interface PollCatalog {

    /** The newest poll whose keyword is {@code keyword} (lower case), open, closed or not open yet. */
    Optional<PollOnOffer> pollForKeyword(String organizationId, String keyword);

    Optional<PollOnOffer> poll(String organizationId, String pollId);

    /** A catalog without polls, for organizations and tests that have none. */
    PollCatalog NONE = new PollCatalog() {
        @Override
        public Optional<PollOnOffer> pollForKeyword(String organizationId, String keyword) {
            return Optional.empty();
        }

        @Override
        public Optional<PollOnOffer> poll(String organizationId, String pollId) {
            return Optional.empty();
        }
    };

    /** {@code closedAt}: when someone closed it (null while not closed early); {@code closesAt}: its closing time. */
    record PollOnOffer(String pollId, String question, List<PollOption> options, Instant opensAt, Instant closesAt,
                       Instant closedAt) {

        public PollOnOffer {
            options = List.copyOf(options);
        }
    }
}
