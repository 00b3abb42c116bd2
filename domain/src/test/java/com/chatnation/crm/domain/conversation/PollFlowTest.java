package com.chatnation.crm.domain.conversation;

import com.chatnation.crm.domain.TestContacts;
import com.chatnation.crm.domain.common.PhoneNumber;
import com.chatnation.crm.domain.messaging.MessageContent;
import com.chatnation.crm.domain.messaging.MessageContext;
import com.chatnation.crm.domain.messaging.OutboundReply;
import com.chatnation.crm.domain.poll.PollOption;
import com.chatnation.crm.domain.poll.VoteOutcome;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.ResultValidator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static com.chatnation.crm.domain.conversation.FakeCatalogs.ORG;
import static com.chatnation.crm.domain.conversation.FakeCatalogs.TOPIC_POLL;
import static org.assertj.core.api.Assertions.assertThat;

/** Polls in a conversation: showing one by its keyword, typed and tapped votes, and answering the vote's outcome. */
class PollFlowTest {

    private static final PhoneNumber CONTACT = PhoneNumber.of("+254712345678");
    private static final String CONTACT_ID = TestContacts.id(CONTACT);
    private static final String ID = ConversationId.of(ORG, CONTACT_ID);
    private static final String SESSION = "session-1";
    private static final Duration TIMEOUT = Duration.ofHours(24);
    /** Inside {@link FakeCatalogs#TOPIC_POLL}'s open period (2026-11-01 to 2026-12-31). */
    private static final Instant T0 = Instant.parse("2026-11-21T10:00:00Z");
    private static final Instant SOON = T0.plusSeconds(5);
    private static final String QUESTION = "What topic next?";
    private static final Map<String, String> POLL_DATA = Map.of("pollId", "poll-1");
    private static final Map<String, String> SURVEY_DATA = Map.of("surveyId", "survey-1", "surveyVersion", "1",
            "responseId", "resp-1");

    private AggregateTestFixture<Conversation> fixture;
    private FakeCatalogs catalogs;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Conversation.class);
        catalogs = new FakeCatalogs();
        fixture.registerInjectableResource(catalogs);
    }

    // ---- commands and events --------------------------------------------------------------------------------------

    private static ReceiveMessage says(String messageId, String text, Instant at) {
        return message(messageId, new MessageContent.Text(text), at);
    }

    private static ReceiveMessage taps(String messageId, String id, String title, Instant at) {
        return message(messageId, new MessageContent.ButtonReply(id, title), at);
    }

    private static ReceiveMessage message(String messageId, MessageContent content, Instant at) {
        return new ReceiveMessage(ID, ORG, CONTACT_ID, CONTACT, "Jane", messageId, at, content, MessageContext.NONE,
                TIMEOUT);
    }

    private static ConversationStarted started() {
        return new ConversationStarted(ID, SESSION, ORG, CONTACT_ID, CONTACT.e164(), "Jane", T0, TIMEOUT);
    }

    private static MessageReceived received(String messageId, String text, Instant at) {
        return new MessageReceived(ID, SESSION, ORG, CONTACT_ID, CONTACT.e164(), messageId, at,
                new MessageContent.Text(text), MessageContext.NONE, "Jane");
    }

    private static StateChanged inState(ConversationState state, Map<String, String> data) {
        return new StateChanged(ID, SESSION, ORG, CONTACT_ID, "idle", state.stateName(), state.step(),
                state.module(), data);
    }

    private static StateChanged answeringPoll() {
        return inState(ConversationState.ANSWERING_POLL, POLL_DATA);
    }

    private static StateChanged inSurvey() {
        return inState(ConversationState.SURVEY_IN_PROGRESS, SURVEY_DATA);
    }

    private static Object[] handedOver() {
        return new Object[] {started(), received("wamid.1", "agent", T0),
                new ConversationHandedOver(ID, SESSION, ORG, CONTACT_ID, ConversationHandedOver.CONTACT_ASKED, null,
                        T0),
                inState(ConversationState.HANDED_OVER,
                        Map.of(HandoverFlow.REASON, ConversationHandedOver.CONTACT_ASKED))};
    }

    private static RecordPollVote recorded(VoteOutcome outcome) {
        return new RecordPollVote(ID, "poll-1", outcome);
    }

    private static VoteOutcome outcome(VoteOutcome.Result result, String label, String previous) {
        return new VoteOutcome(result, QUESTION, label, previous, TOPIC_POLL.opensAt(), TOPIC_POLL.closesAt());
    }

    private static List<ConversationEffect> votes(String optionId) {
        return List.of(new ConversationEffect.VoteInPoll("poll-1", optionId));
    }

    private static PollCatalog.PollOnOffer poll(String pollId, Instant opensAt, Instant closesAt, Instant closedAt,
                                                String... labels) {
        List<PollOption> options = new ArrayList<>();
        for (int i = 0; i < labels.length; i++) {
            options.add(new PollOption(Integer.toString(i + 1), labels[i]));
        }
        return new PollCatalog.PollOnOffer(pollId, QUESTION, options, opensAt, closesAt, closedAt);
    }

    private static List<OutboundReply.Choice> choices(String pollId, String... labels) {
        List<OutboundReply.Choice> choices = new ArrayList<>();
        for (int i = 0; i < labels.length; i++) {
            choices.add(new OutboundReply.Choice("poll:" + pollId + ":" + (i + 1), labels[i]));
        }
        return choices;
    }

    private static Published publishedBy(ResultValidator<Conversation> result) {
        return Published.by(result);
    }

    // ---- showing a poll -------------------------------------------------------------------------------------------

    @Nested
    class ShowingAPollByItsKeyword {

        @Test
        void theKeywordInIdleShowsTheBallotAsButtons() {
            ResultValidator<Conversation> result = fixture.given(started())
                    .when(says("wamid.2", "vote", SOON))
                    .expectSuccessfulHandlerExecution()
                    .expectResultMessagePayload(List.of());
            Published events = publishedBy(result);

            assertThat(events.types()).containsExactly(MessageReceived.class, StateChanged.class, ReplyQueued.class);
            assertThat(events.onlyStateChange()).isEqualTo(new StateChanged(ID, SESSION, ORG, CONTACT_ID, "idle",
                    "answering_poll", null, "polls", Map.of("pollId", "poll-1")));
            ReplyQueued reply = events.onlyReplyQueued();
            assertThat(reply.module()).isEqualTo("polls");
            assertThat(reply.action()).isEqualTo("reply");
            assertThat(reply.inReplyToMessageId()).isEqualTo("wamid.2");
            assertThat(reply.reply()).isEqualTo(new OutboundReply.Buttons(QUESTION,
                    choices("poll-1", "AI", "Cloud", "Security")));
            assertThat(((OutboundReply.Buttons) reply.reply()).buttons()).extracting(OutboundReply.Choice::id)
                    .containsExactly("poll:poll-1:1", "poll:poll-1:2", "poll:poll-1:3");
        }

        @Test
        void theKeywordIsReadWhateverItsCaseAndTrailingPunctuation() {
            Published events = publishedBy(fixture.given(started())
                    .when(says("wamid.2", "  VOTE! ", SOON)));
            assertThat(events.onlyStateChange().toState()).isEqualTo("answering_poll");
            assertThat(events.onlyReply()).isInstanceOf(OutboundReply.Buttons.class);
        }

        @Test
        void theKeywordAsAFirstMessageStartsTheSessionAndShowsTheBallot() {
            Published events = publishedBy(fixture.givenNoPriorActivity()
                    .when(says("wamid.1", "vote", T0)));
            assertThat(events.types()).containsExactly(ConversationStarted.class, MessageReceived.class,
                    StateChanged.class, ReplyQueued.class);
            assertThat(events.onlyStateChange().stateData()).isEqualTo(POLL_DATA);
            assertThat(events.onlyReplyQueued().module()).isEqualTo("polls");
        }

        @Test
        void aPollOfFourOptionsIsAList() {
            catalogs.pollsByKeyword.put("vote", poll("poll-4", TOPIC_POLL.opensAt(), TOPIC_POLL.closesAt(), null,
                    "AI", "Cloud", "Security", "Data"));
            Published events = publishedBy(fixture.given(started())
                    .when(says("wamid.2", "vote", SOON)));

            assertThat(events.onlyStateChange().stateData()).isEqualTo(Map.of("pollId", "poll-4"));
            assertThat(events.onlyReply()).isEqualTo(new OutboundReply.ChoiceList(QUESTION, "Vote",
                    choices("poll-4", "AI", "Cloud", "Security", "Data")));
            assertThat(events.onlyReplyQueued().module()).isEqualTo("polls");
        }

        @Test
        void aLabelLongerThanAButtonTitleMakesAList() {
            String label = "Artificial intelligen"; // 21 characters
            assertThat(label).hasSize(21);
            catalogs.pollsByKeyword.put("vote", poll("poll-5", TOPIC_POLL.opensAt(), null, null, label, "Cloud"));
            Published events = publishedBy(fixture.given(started())
                    .when(says("wamid.2", "vote", SOON)));

            assertThat(events.onlyReply()).isEqualTo(new OutboundReply.ChoiceList(QUESTION, "Vote",
                    choices("poll-5", label, "Cloud")));
        }

        @Test
        void labelsOfTwentyCharactersStillFitButtons() {
            String label = "Artificial intellige"; // 20 characters
            assertThat(label).hasSize(20);
            catalogs.pollsByKeyword.put("vote", poll("poll-6", TOPIC_POLL.opensAt(), null, null, label, "Cloud"));
            Published events = publishedBy(fixture.given(started())
                    .when(says("wamid.2", "vote", SOON)));

            assertThat(events.onlyReply()).isEqualTo(new OutboundReply.Buttons(QUESTION,
                    choices("poll-6", label, "Cloud")));
        }

        @Test
        void aPollClosedByStaffIsExplainedAndTheConversationStaysIdle() {
            catalogs.pollsByKeyword.put("vote", poll("poll-1", TOPIC_POLL.opensAt(), TOPIC_POLL.closesAt(),
                    T0.minusSeconds(60), "AI", "Cloud", "Security"));
            ResultValidator<Conversation> result = fixture.given(started())
                    .when(says("wamid.2", "vote", SOON))
                    .expectResultMessagePayload(List.of())
                    .expectState(conversation -> assertThat(conversation.state()).isEqualTo(ConversationState.IDLE));
            Published events = publishedBy(result);

            assertThat(events.types()).containsExactly(MessageReceived.class, ReplyQueued.class);
            assertThat(events.onlyReply()).isEqualTo(new OutboundReply.Text(
                    "Voting in \"What topic next?\" has closed. Thank you for your interest!"));
            assertThat(events.onlyReplyQueued().module()).isEqualTo("polls");
        }

        @Test
        void aPollPastItsClosingTimeIsExplainedAndTheConversationStaysIdle() {
            catalogs.pollsByKeyword.put("vote", poll("poll-1", Instant.parse("2026-10-01T00:00:00Z"), SOON, null,
                    "AI", "Cloud", "Security"));
            Published events = publishedBy(fixture.given(started())
                    .when(says("wamid.2", "vote", SOON)));

            assertThat(events.types()).containsExactly(MessageReceived.class, ReplyQueued.class);
            assertThat(events.onlyReply().fallbackText()).contains("has closed");
        }

        @Test
        void aPollNotOpenYetSaysWhenItOpensAndTheConversationStaysIdle() {
            catalogs.pollsByKeyword.put("vote", poll("poll-1", Instant.parse("2026-12-01T09:30:00Z"), null, null,
                    "AI", "Cloud", "Security"));
            ResultValidator<Conversation> result = fixture.given(started())
                    .when(says("wamid.2", "vote", SOON))
                    .expectState(conversation -> assertThat(conversation.state()).isEqualTo(ConversationState.IDLE));
            Published events = publishedBy(result);

            assertThat(events.types()).containsExactly(MessageReceived.class, ReplyQueued.class);
            assertThat(events.onlyReply()).isEqualTo(new OutboundReply.Text("Voting in \"What topic next?\" opens "
                    + "1 Dec 09:30 UTC. Send the same word again then to vote."));
            assertThat(events.onlyReplyQueued().module()).isEqualTo("polls");
        }

        @Test
        void theKeywordAgainWhileAnsweringShowsTheBallotAgain() {
            Published events = publishedBy(fixture.given(started(), answeringPoll())
                    .when(says("wamid.3", "vote", SOON)));
            assertThat(events.types()).containsExactly(MessageReceived.class, ReplyQueued.class);
            assertThat(events.onlyReply()).isInstanceOf(OutboundReply.Buttons.class);
        }
    }

    // ---- typed votes ----------------------------------------------------------------------------------------------

    @Nested
    class TypedVotesWhileAnswering {

        @ParameterizedTest
        @ValueSource(strings = {"2", " 2 ", "2.", "cloud", "Cloud", "CLOUD!"})
        void theOptionsNumberOrLabelIsAVote(String typed) {
            ResultValidator<Conversation> result = fixture.given(started(), answeringPoll())
                    .when(says("wamid.3", typed, SOON))
                    .expectResultMessagePayload(votes("2"))
                    .expectState(conversation -> {
                        assertThat(conversation.state()).isEqualTo(ConversationState.ANSWERING_POLL);
                        assertThat(conversation.stateData()).isEqualTo(POLL_DATA);
                    });
            assertThat(publishedBy(result).types()).containsExactly(MessageReceived.class);
        }

        @Test
        void theFirstAndLastOptionsAreVotesToo() {
            fixture.given(started(), answeringPoll())
                    .when(says("wamid.3", "1", SOON))
                    .expectResultMessagePayload(votes("1"));
        }

        @Test
        void theLastOptionsLabelIsAVote() {
            fixture.given(started(), answeringPoll())
                    .when(says("wamid.3", "security", SOON))
                    .expectResultMessagePayload(votes("3"));
        }

        @Test
        void ticketsLeavesThePollForTheTicketFlow() {
            ResultValidator<Conversation> result = fixture.given(started(), answeringPoll())
                    .when(says("wamid.3", "tickets", SOON))
                    .expectResultMessagePayload(List.of());
            Published events = publishedBy(result);

            StateChanged changed = events.onlyStateChange();
            assertThat(changed.fromState()).isEqualTo("answering_poll");
            assertThat(changed.toState()).isEqualTo("purchasing_ticket");
            assertThat(changed.step()).isEqualTo("choosing_event");
            assertThat(changed.stateData()).doesNotContainKey("pollId");
            assertThat(events.onlyReply().fallbackText()).startsWith("Which event would you like tickets for?");
        }

        @Test
        void unknownTextIsNotUnderstoodAsInIdle() {
            ResultValidator<Conversation> result = fixture.given(started(), answeringPoll())
                    .when(says("wamid.3", "pizza", SOON))
                    .expectResultMessagePayload(List.of());
            Published events = publishedBy(result);

            assertThat(events.onlyStateChange()).isEqualTo(new StateChanged(ID, SESSION, ORG, CONTACT_ID,
                    "answering_poll", "idle", null, "general", Map.of(IdleFlow.NOT_UNDERSTOOD, "1")));
            OutboundReply.ChoiceList menu = (OutboundReply.ChoiceList) events.onlyReply();
            assertThat(menu.body()).startsWith("Sorry, I didn't understand that");
        }

        @Test
        void aNumberThePollDoesNotOfferIsNotAVote() {
            ResultValidator<Conversation> result = fixture.given(started(), answeringPoll())
                    .when(says("wamid.3", "4", SOON))
                    .expectResultMessagePayload(List.of());
            Published events = publishedBy(result);
            assertThat(events.onlyStateChange().toState()).isEqualTo("idle");
            assertThat(events.onlyReply().fallbackText()).startsWith("Sorry, I didn't understand that");
        }

        @Test
        void aTypedNumberIsNotAVoteWhenThePollIsGoneFromTheCatalog() {
            catalogs.pollsByKeyword.clear();
            ResultValidator<Conversation> result = fixture.given(started(), answeringPoll())
                    .when(says("wamid.3", "2", SOON))
                    .expectResultMessagePayload(List.of());
            assertThat(publishedBy(result).onlyStateChange().toState()).isEqualTo("idle");
        }

        @Test
        void aTypedNumberInIdleIsNotAVote() {
            ResultValidator<Conversation> result = fixture.given(started())
                    .when(says("wamid.2", "2", SOON))
                    .expectResultMessagePayload(List.of());
            assertThat(publishedBy(result).onlyReply().fallbackText()).startsWith("Sorry, I didn't understand that");
        }

        @Test
        void cancelLeavesThePoll() {
            ResultValidator<Conversation> result = fixture.given(started(), answeringPoll())
                    .when(says("wamid.3", "cancel", SOON))
                    .expectResultMessagePayload(List.of())
                    .expectState(conversation -> assertThat(conversation.state()).isEqualTo(ConversationState.IDLE));
            assertThat(publishedBy(result).onlyStateChange().fromState()).isEqualTo("answering_poll");
        }
    }

    // ---- tapped votes ---------------------------------------------------------------------------------------------

    @Nested
    class TappedVotes {

        @Test
        void aTapInIdleEndsARunOfMisunderstandingsLikeAnyUnderstoodMessage() {
            ResultValidator<Conversation> result = fixture.given(started(),
                            inState(ConversationState.IDLE, Map.of("notUnderstood", "2")))
                    .when(taps("wamid.2", "poll:poll-1:3", "Security", SOON))
                    .expectResultMessagePayload(votes("3"));
            assertThat(publishedBy(result).onlyStateChange().stateData()).isEmpty();
        }

        @Test
        void aTapWithoutAPollIdIsNoVote() {
            ResultValidator<Conversation> result = fixture.given(started())
                    .when(taps("wamid.2", "poll::1", "Yes", SOON))
                    .expectResultMessagePayload(List.of());
            assertThat(publishedBy(result).types()).contains(ReplyQueued.class);
        }

        @Test
        void leavingThePollForTicketsIsBilledToEventsNotPolls() {
            ResultValidator<Conversation> result = fixture.given(started(), answeringPoll())
                    .when(says("wamid.3", "tickets", SOON));
            assertThat(publishedBy(result).onlyReplyQueued().module()).isEqualTo("events");
        }

        @Test
        void leavingThePollWithUnknownTextIsBilledAsAGeneralReply() {
            ResultValidator<Conversation> result = fixture.given(started(), answeringPoll())
                    .when(says("wamid.3", "pizza", SOON));
            assertThat(publishedBy(result).onlyReplyQueued().module()).isEqualTo("general");
        }

        @Test
        void aKeywordTypedWithExtraSpacesStillFindsThePoll() {
            catalogs.pollsByKeyword.put("tech vote", FakeCatalogs.TOPIC_POLL);
            ResultValidator<Conversation> result = fixture.given(started())
                    .when(says("wamid.2", "Tech   Vote", SOON));
            assertThat(publishedBy(result).onlyStateChange().toState()).isEqualTo("answering_poll");
        }

        @Test
        void aTapInIdleIsAVoteAndChangesNoState() {
            ResultValidator<Conversation> result = fixture.given(started())
                    .when(taps("wamid.2", "poll:poll-1:3", "Security", SOON))
                    .expectResultMessagePayload(votes("3"))
                    .expectState(conversation -> assertThat(conversation.state()).isEqualTo(ConversationState.IDLE));
            assertThat(publishedBy(result).types()).containsExactly(MessageReceived.class);
        }

        @Test
        void aTapInTheMiddleOfASurveyIsAVoteAndLeavesTheSurveyBe() {
            ResultValidator<Conversation> result = fixture.given(started(), inSurvey())
                    .when(taps("wamid.2", "poll:poll-1:3", "Security", SOON))
                    .expectResultMessagePayload(votes("3"))
                    .expectState(conversation -> {
                        assertThat(conversation.state()).isEqualTo(ConversationState.SURVEY_IN_PROGRESS);
                        assertThat(conversation.stateData()).isEqualTo(SURVEY_DATA);
                    });
            assertThat(publishedBy(result).types()).containsExactly(MessageReceived.class);
        }

        @Test
        void aTappedListRowWhileAnsweringIsAVote() {
            ResultValidator<Conversation> result = fixture.given(started(), answeringPoll())
                    .when(message("wamid.3", new MessageContent.ListReply("poll:poll-1:2", "Cloud", null), SOON))
                    .expectResultMessagePayload(votes("2"));
            assertThat(publishedBy(result).types()).containsExactly(MessageReceived.class);
        }

        @Test
        void aTapInTheTicketFlowIsAVoteAndLeavesTheFlowBe() {
            ResultValidator<Conversation> result = fixture.given(started(),
                            inState(ConversationState.CHOOSING_EVENT, Map.of()))
                    .when(taps("wamid.2", "poll:poll-7:1", "Yes", SOON))
                    .expectResultMessagePayload(List.of(new ConversationEffect.VoteInPoll("poll-7", "1")))
                    .expectState(conversation ->
                            assertThat(conversation.state()).isEqualTo(ConversationState.CHOOSING_EVENT));
            assertThat(publishedBy(result).types()).containsExactly(MessageReceived.class);
        }

        @Test
        void aTapWhileAPersonHoldsTheConversationIsNotAVote() {
            ResultValidator<Conversation> result = fixture.given(handedOver())
                    .when(taps("wamid.2", "poll:poll-1:3", "Security", SOON))
                    .expectResultMessagePayload(List.of())
                    .expectState(conversation ->
                            assertThat(conversation.state()).isEqualTo(ConversationState.HANDED_OVER));
            assertThat(publishedBy(result).types()).containsExactly(MessageReceived.class);
        }

        @Test
        void aTappedIdWithoutAnOptionIsNotAVote() {
            ResultValidator<Conversation> result = fixture.given(started())
                    .when(taps("wamid.2", "poll:poll-1", "Security", SOON))
                    .expectResultMessagePayload(List.of());
            assertThat(publishedBy(result).onlyReply().fallbackText()).startsWith("Sorry, I didn't understand that");
        }
    }

    // ---- the vote's outcome ---------------------------------------------------------------------------------------

    static Stream<Arguments> answers() {
        return Stream.of(
                Arguments.of(outcome(VoteOutcome.Result.COUNTED, "Cloud", null),
                        "Thanks! Your vote for *Cloud* is counted."),
                Arguments.of(outcome(VoteOutcome.Result.CHANGED, "Cloud", "AI"),
                        "Done: your vote is now for *Cloud* (it was *AI*)."),
                Arguments.of(outcome(VoteOutcome.Result.UNCHANGED, "Cloud", null),
                        "Your vote for *Cloud* is already counted."),
                Arguments.of(outcome(VoteOutcome.Result.CHANGE_NOT_ALLOWED, "Cloud", "AI"),
                        "You already voted for *AI*, and votes in this poll can't be changed."),
                Arguments.of(new VoteOutcome(VoteOutcome.Result.NOT_OPEN_YET, QUESTION, "Cloud", null,
                                Instant.parse("2026-12-01T09:30:00Z"), null),
                        "Voting in this poll hasn't opened yet: it opens 1 Dec 09:30 UTC."),
                Arguments.of(outcome(VoteOutcome.Result.CLOSED, "Cloud", null),
                        "Sorry, voting in this poll has closed, so this vote wasn't counted. Thank you for taking "
                                + "part!"),
                Arguments.of(new VoteOutcome(VoteOutcome.Result.UNKNOWN_OPTION, QUESTION, null, null,
                                TOPIC_POLL.opensAt(), TOPIC_POLL.closesAt()),
                        "Sorry, that poll is no longer available."),
                Arguments.of(VoteOutcome.unknownPoll(), "Sorry, that poll is no longer available."));
    }

    @Nested
    class AnsweringTheOutcome {

        @ParameterizedTest
        @MethodSource("com.chatnation.crm.domain.conversation.PollFlowTest#answers")
        void fromAnsweringThePollTheContactIsToldAndTheConversationIsIdleAgain(VoteOutcome outcome, String text) {
            ResultValidator<Conversation> result = fixture.given(started(), answeringPoll())
                    .when(recorded(outcome))
                    .expectSuccessfulHandlerExecution()
                    .expectState(conversation -> {
                        assertThat(conversation.state()).isEqualTo(ConversationState.IDLE);
                        assertThat(conversation.stateData()).isEmpty();
                    });
            Published events = publishedBy(result);

            assertThat(events.types()).containsExactly(StateChanged.class, ReplyQueued.class);
            assertThat(events.onlyStateChange()).isEqualTo(new StateChanged(ID, SESSION, ORG, CONTACT_ID,
                    "answering_poll", "idle", null, "general", Map.of()));
            ReplyQueued reply = events.onlyReplyQueued();
            assertThat(reply.reply()).isEqualTo(new OutboundReply.Text(text));
            assertThat(reply.module()).isEqualTo("polls");
            assertThat(reply.action()).isEqualTo("reply");
            assertThat(reply.inReplyToMessageId()).isNull();
        }

        @ParameterizedTest
        @MethodSource("com.chatnation.crm.domain.conversation.PollFlowTest#answers")
        void inTheMiddleOfASurveyTheContactIsToldAndTheSurveyGoesOn(VoteOutcome outcome, String text) {
            ResultValidator<Conversation> result = fixture.given(started(), inSurvey())
                    .when(recorded(outcome))
                    .expectState(conversation -> {
                        assertThat(conversation.state()).isEqualTo(ConversationState.SURVEY_IN_PROGRESS);
                        assertThat(conversation.stateData()).isEqualTo(SURVEY_DATA);
                    });
            Published events = publishedBy(result);

            assertThat(events.types()).containsExactly(ReplyQueued.class);
            assertThat(events.onlyReply()).isEqualTo(new OutboundReply.Text(text));
            assertThat(events.onlyReplyQueued().module()).isEqualTo("polls");
        }

        @Test
        void inIdleTheContactIsToldAndNothingElseChanges() {
            Published events = publishedBy(fixture.given(started())
                    .when(recorded(outcome(VoteOutcome.Result.COUNTED, "Security", null))));

            assertThat(events.types()).containsExactly(ReplyQueued.class);
            assertThat(events.onlyReply().fallbackText()).isEqualTo("Thanks! Your vote for *Security* is counted.");
            assertThat(events.onlyReplyQueued().module()).isEqualTo("polls");
        }

        @Test
        void answeringAnotherPollsOutcomeKeepsTheContactOnTheirPoll() {
            ResultValidator<Conversation> result = fixture.given(started(), answeringPoll())
                    .when(new RecordPollVote(ID, "poll-2", outcome(VoteOutcome.Result.COUNTED, "Yes", null)))
                    .expectState(conversation -> {
                        assertThat(conversation.state()).isEqualTo(ConversationState.ANSWERING_POLL);
                        assertThat(conversation.stateData()).isEqualTo(POLL_DATA);
                    });
            Published events = publishedBy(result);
            assertThat(events.types()).containsExactly(ReplyQueued.class);
            assertThat(events.onlyReply().fallbackText()).contains("Your vote for *Yes* is counted");
        }

        @Test
        void theSurveyStillTakesAnswersAfterAVoteWasAnswered() {
            fixture.given(started(), inSurvey())
                    .andGivenCommands(recorded(outcome(VoteOutcome.Result.COUNTED, "Cloud", null)))
                    .when(says("wamid.3", "5", SOON))
                    .expectResultMessagePayload(List.of(
                            new ConversationEffect.AnswerSurvey("resp-1", "wamid.3", new MessageContent.Text("5"))));
        }

        @Test
        void nothingIsSaidOnceAPersonHoldsTheConversation() {
            fixture.given(handedOver())
                    .when(recorded(outcome(VoteOutcome.Result.COUNTED, "Cloud", null)))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }

        @Test
        void nothingIsSaidOnceTheSessionExpired() {
            fixture.given(started(), answeringPoll(),
                            new ConversationExpired(ID, SESSION, ORG, CONTACT_ID, T0, "answering_poll"))
                    .when(recorded(outcome(VoteOutcome.Result.COUNTED, "Cloud", null)))
                    .expectNoEvents();
        }

        @Test
        void nothingIsSaidToAnErasedContact() {
            fixture.given(started(), answeringPoll(),
                            new ContactErased(ID, SESSION, ORG, CONTACT_ID, "request", T0.plusSeconds(1)))
                    .when(recorded(outcome(VoteOutcome.Result.COUNTED, "Cloud", null)))
                    .expectNoEvents();
        }
    }
}
