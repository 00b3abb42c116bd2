package com.chatnation.crm.domain.conversation;

import com.chatnation.crm.domain.messaging.OutboundReply;
import com.chatnation.crm.domain.poll.PollOption;
import com.chatnation.crm.domain.poll.VoteOutcome;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Polls in a conversation. A contact is shown a poll by typing its keyword (state {@code answering_poll}, where a
 * typed number or option label is a vote) or is sent it by the organization; a tap on one of its buttons or rows
 * is a vote in any state the bot holds, and leaves a flow under way where it was. The vote itself is the
 * {@code Poll}'s business ({@link ConversationEffect.VoteInPoll}); the answer comes when its outcome is reported
 * back ({@link RecordPollVote}). Replies about polls are billed to the polls module.
 */
final class PollFlow {

    static final String MODULE = "polls";
    static final String POLL_ID = "pollId";
    /** Tapped ids of a poll's options: {@code poll:<pollId>:<optionId>}. */
    static final String VOTE_PREFIX = "poll:";
    /** WhatsApp's reply buttons take titles of 20 characters. */
    private static final int BUTTON_TITLE = 20;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("d MMM HH:mm 'UTC'", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);

    private PollFlow() {
    }

    /** The message for a poll: buttons for up to three short options, else a list. */
    static OutboundReply ballot(PollCatalog.PollOnOffer poll) {
        List<OutboundReply.Choice> choices = poll.options().stream()
                .map(option -> new OutboundReply.Choice(VOTE_PREFIX + poll.pollId() + ":" + option.optionId(),
                        option.label()))
                .toList();
        boolean shortLabels = poll.options().stream().allMatch(option -> option.label().length() <= BUTTON_TITLE);
        if (choices.size() <= 3 && shortLabels) {
            return new OutboundReply.Buttons(poll.question(), choices);
        }
        return new OutboundReply.ChoiceList(poll.question(), "Vote", choices);
    }

    /** Whether the message is a tap on a poll's option. */
    static boolean isTappedVote(TurnContext context) {
        String tapped = context.tappedId();
        return tapped != null && tapped.startsWith(VOTE_PREFIX)
                && tapped.indexOf(':', VOTE_PREFIX.length()) > VOTE_PREFIX.length() && !tapped.endsWith(":");
    }

    /** A tapped option: passed on to the poll; the conversation stays where it was until the outcome comes back. */
    static Turn tappedVote(TurnContext context) {
        String rest = context.tappedId().substring(VOTE_PREFIX.length());
        int colon = rest.lastIndexOf(':');
        // idle, a vote is understood like any other request and ends a run of misunderstandings
        Turn stay = context.state() == ConversationState.IDLE ? Turn.idle() : Turn.to(context.state(), context.data());
        return stay
                .andThen(new ConversationEffect.VoteInPoll(rest.substring(0, colon), rest.substring(colon + 1)));
    }

    /** The contact typed a poll's keyword. */
    static Turn show(TurnContext context, PollCatalog.PollOnOffer poll) {
        if (poll.closedAt() != null && !context.now().isBefore(poll.closedAt())
                || poll.closesAt() != null && !context.now().isBefore(poll.closesAt())) {
            return Turn.idle().billedTo(MODULE).say("Voting in \"" + poll.question() + "\" has closed. Thank you for "
                    + "your interest!");
        }
        if (context.now().isBefore(poll.opensAt())) {
            return Turn.idle().billedTo(MODULE).say("Voting in \"" + poll.question() + "\" opens "
                    + TIME.format(poll.opensAt()) + ". Send the same word again then to vote.");
        }
        return Turn.to(ConversationState.ANSWERING_POLL, Map.of(POLL_ID, poll.pollId())).billedTo(MODULE)
                .say(ballot(poll));
    }

    /** In {@code answering_poll}: a number or an option's label is a vote; anything else is the contact moving on. */
    static Turn answer(TurnContext context) {
        String pollId = context.data().get(POLL_ID);
        var poll = pollId == null ? java.util.Optional.<PollCatalog.PollOnOffer>empty()
                : context.polls().poll(context.organizationId(), pollId);
        if (poll.isPresent() && context.tappedId() == null) {
            String typed = context.word();
            List<PollOption> options = poll.get().options();
            for (int i = 0; i < options.size(); i++) {
                PollOption option = options.get(i);
                if (typed.equals(Integer.toString(i + 1)) || typed.equals(Intent.normalize(option.label()))) {
                    return Turn.to(ConversationState.ANSWERING_POLL, context.data())
                            .andThen(new ConversationEffect.VoteInPoll(pollId, option.optionId()));
                }
            }
        }
        Turn moved = IdleFlow.route(context.inState(ConversationState.IDLE, Map.of()));
        // the contact left the poll: what they asked for next is billed to the flow it starts, as from idle
        return moved.billedAs() != null ? moved
                : moved.billedTo((moved.next() == ConversationState.HANDED_OVER ? ConversationState.IDLE
                : moved.next()).module());
    }

    /** The poll's answer came back: the contact is told, and a contact who came for the poll is done with it. */
    static Turn voteRecorded(ConversationState state, Map<String, String> data, String pollId, VoteOutcome outcome) {
        boolean cameForIt = state == ConversationState.ANSWERING_POLL && pollId.equals(data.get(POLL_ID));
        Turn turn = cameForIt || state == ConversationState.IDLE ? Turn.idle() : Turn.to(state, data);
        return turn.billedTo(MODULE).say(answer(outcome));
    }

    private static String answer(VoteOutcome outcome) {
        return switch (outcome.result()) {
            case COUNTED -> "Thanks! Your vote for *" + outcome.optionLabel() + "* is counted.";
            case CHANGED -> "Done: your vote is now for *" + outcome.optionLabel() + "* (it was *"
                    + outcome.previousLabel() + "*).";
            case UNCHANGED -> "Your vote for *" + outcome.optionLabel() + "* is already counted.";
            case CHANGE_NOT_ALLOWED -> "You already voted for *" + outcome.previousLabel()
                    + "*, and votes in this poll can't be changed.";
            case NOT_OPEN_YET -> "Voting in this poll hasn't opened yet: it opens " + TIME.format(outcome.opensAt())
                    + ".";
            case CLOSED -> "Sorry, voting in this poll has closed, so this vote wasn't counted. Thank you for "
                    + "taking part!";
            case UNKNOWN_OPTION, UNKNOWN_POLL -> "Sorry, that poll is no longer available.";
        };
    }
}
