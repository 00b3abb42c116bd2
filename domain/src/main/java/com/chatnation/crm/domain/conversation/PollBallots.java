package com.chatnation.crm.domain.conversation;

import com.chatnation.crm.domain.messaging.OutboundReply;

/**
 * A poll as the message that shows it, for a poll sent to contacts outside a conversation's flow (a content
 * program's item): the same buttons or list a keyword shows, whose taps are votes wherever the contact is.
 */
public final class PollBallots {

    private PollBallots() {
    }

    public static OutboundReply of(PollCatalog.PollOnOffer poll) {
        return PollFlow.ballot(poll);
    }
}
