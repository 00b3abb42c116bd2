package com.chatnation.crm.domain.conversation;

import com.chatnation.crm.domain.TestContacts;
import com.chatnation.crm.domain.common.PhoneNumber;
import com.chatnation.crm.domain.messaging.MessageContent;
import com.chatnation.crm.domain.messaging.MessageContext;
import com.chatnation.crm.domain.messaging.OutboundReply;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.ResultValidator;
import org.hamcrest.BaseMatcher;
import org.hamcrest.Description;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static com.chatnation.crm.domain.conversation.FakeCatalogs.DEVOTIONAL;
import static com.chatnation.crm.domain.conversation.FakeCatalogs.ORG;
import static org.assertj.core.api.Assertions.assertThat;

/** Content programs in a conversation: joining by the keyword, leaving by "leave|unsubscribe|stop keyword". */
class ProgramFlowTest {

    private static final PhoneNumber CONTACT = PhoneNumber.of("+254712345678");
    private static final String CONTACT_ID = TestContacts.id(CONTACT);
    private static final String ID = ConversationId.of(ORG, CONTACT_ID);
    private static final String SESSION = "session-1";
    private static final Duration TIMEOUT = Duration.ofHours(24);
    private static final Instant T0 = Instant.parse("2026-11-21T10:00:00Z");
    private static final Instant SOON = T0.plusSeconds(5);
    private static final String JOINED = "You're subscribed to *Morning Devotional*! It comes every day at 06:00. "
            + "Send *leave devotional* any time to stop.";
    private static final String LEFT = "You've left *Morning Devotional*: no more messages from it. "
            + "Send *devotional* to join again.";
    private static final List<ConversationEffect> JOIN = List.of(new ConversationEffect.JoinProgram("prog-1"));
    private static final List<ConversationEffect> LEAVE = List.of(new ConversationEffect.LeaveProgram("prog-1"));
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

    // ---- commands, events and helpers -----------------------------------------------------------------------------

    private static ReceiveMessage says(String messageId, String text) {
        return message(messageId, new MessageContent.Text(text), SOON);
    }

    private static ReceiveMessage message(String messageId, MessageContent content, Instant at) {
        return new ReceiveMessage(ID, ORG, CONTACT_ID, CONTACT, "Jane", messageId, at, content, MessageContext.NONE,
                TIMEOUT);
    }

    private static ConversationStarted started() {
        return new ConversationStarted(ID, SESSION, ORG, CONTACT_ID, CONTACT.e164(), "Jane", T0, TIMEOUT);
    }

    private static StateChanged inState(ConversationState state, Map<String, String> data) {
        return new StateChanged(ID, SESSION, ORG, CONTACT_ID, "idle", state.stateName(), state.step(),
                state.module(), data);
    }

    private static Published publishedBy(ResultValidator<Conversation> result) {
        return Published.by(result);
    }

    /** Captures a command's result, for effects that carry generated ids. */
    static final class Effects extends BaseMatcher<Object> {
        List<?> effects;

        @Override
        public boolean matches(Object actual) {
            effects = (List<?>) actual;
            return true;
        }

        @Override
        public void describeTo(Description description) {
            description.appendText("any effects");
        }

        static Effects of(ResultValidator<Conversation> result) {
            Effects effects = new Effects();
            result.expectResultMessagePayloadMatching(effects);
            return effects;
        }
    }

    private static void assertBilledAsContentReply(ReplyQueued reply, String inReplyTo) {
        assertThat(reply.module()).isEqualTo("content");
        assertThat(reply.action()).isEqualTo("reply");
        assertThat(reply.inReplyToMessageId()).isEqualTo(inReplyTo);
    }

    // ---- joining --------------------------------------------------------------------------------------------------

    @Nested
    class JoiningByTheKeyword {

        @Test
        void theKeywordJoinsStaysIdleAndSaysWhatWasJoinedWhenItComesAndHowToLeave() {
            ResultValidator<Conversation> result = fixture.given(started())
                    .when(says("wamid.2", "devotional"))
                    .expectSuccessfulHandlerExecution()
                    .expectResultMessagePayload(JOIN)
                    .expectState(conversation -> {
                        assertThat(conversation.state()).isEqualTo(ConversationState.IDLE);
                        assertThat(conversation.stateData()).isEmpty();
                    });
            Published events = publishedBy(result);

            // idle to idle with no data: nothing to record as a state change
            assertThat(events.types()).containsExactly(MessageReceived.class, ReplyQueued.class);
            ReplyQueued reply = events.onlyReplyQueued();
            assertThat(reply.reply()).isEqualTo(new OutboundReply.Text(JOINED));
            assertThat(reply.reply().fallbackText()).contains("Morning Devotional", "every day at 06:00",
                    "leave devotional");
            assertBilledAsContentReply(reply, "wamid.2");
        }

        @ParameterizedTest
        @ValueSource(strings = {"DEVOTIONAL", "Devotional!", "  devotional. ", "devotional?!", "DeVoTiOnAl,"})
        void theKeywordIsReadWhateverItsCaseAndTrailingPunctuation(String text) {
            ResultValidator<Conversation> result = fixture.given(started())
                    .when(says("wamid.2", text))
                    .expectResultMessagePayload(JOIN);
            assertThat(publishedBy(result).onlyReply().fallbackText()).isEqualTo(JOINED);
        }

        @Test
        void aKeywordOfSeveralWordsIsFoundDespiteExtraSpacesBetweenThem() {
            // the catalog keeps keywords with single spaces; the contact may type more
            catalogs.programsByKeyword.put("morning devotional", DEVOTIONAL);
            fixture.given(started())
                    .when(says("wamid.2", "Morning    Devotional!"))
                    .expectResultMessagePayload(JOIN);
        }

        @Test
        void theKeywordAsAFirstMessageStartsTheSessionAndJoins() {
            ResultValidator<Conversation> result = fixture.givenNoPriorActivity()
                    .when(says("wamid.1", "devotional"))
                    .expectResultMessagePayload(JOIN);
            Published events = publishedBy(result);
            assertThat(events.types()).containsExactly(ConversationStarted.class, MessageReceived.class,
                    ReplyQueued.class);
            assertBilledAsContentReply(events.onlyReplyQueued(), "wamid.1");
        }

        @Test
        void joiningEndsARunOfMisunderstandingsLikeAnyUnderstoodMessage() {
            ResultValidator<Conversation> result = fixture.given(started(),
                            inState(ConversationState.IDLE, Map.of(IdleFlow.NOT_UNDERSTOOD, "2")))
                    .when(says("wamid.2", "devotional"))
                    .expectResultMessagePayload(JOIN);
            assertThat(publishedBy(result).onlyStateChange().stateData()).isEmpty();
        }

        @Test
        void aKeywordTheCatalogDoesNotKnowJoinsNothing() {
            catalogs.programsByKeyword.clear();
            ResultValidator<Conversation> result = fixture.given(started())
                    .when(says("wamid.2", "devotional"))
                    .expectResultMessagePayload(List.of());
            assertThat(publishedBy(result).onlyReply().fallbackText()).startsWith("Sorry, I didn't understand that");
        }

        @Test
        void theKeywordInsideASentenceIsNotAJoin() {
            // only a message that is just the keyword counts
            ResultValidator<Conversation> result = fixture.given(started())
                    .when(says("wamid.2", "I like the devotional"))
                    .expectResultMessagePayload(List.of());
            assertThat(publishedBy(result).onlyReplyQueued().module()).isEqualTo("general");
        }
    }

    // ---- leaving --------------------------------------------------------------------------------------------------

    @Nested
    class Leaving {

        @ParameterizedTest
        @ValueSource(strings = {"leave devotional", "unsubscribe devotional", "stop devotional"})
        void aLeaveWordAndTheKeywordLeavesAndSaysHowToJoinAgain(String text) {
            ResultValidator<Conversation> result = fixture.given(started())
                    .when(says("wamid.2", text))
                    .expectSuccessfulHandlerExecution()
                    .expectResultMessagePayload(LEAVE)
                    .expectState(conversation -> assertThat(conversation.state()).isEqualTo(ConversationState.IDLE));
            Published events = publishedBy(result);

            // "stop devotional" and "unsubscribe devotional" are not the opt-out words "stop" and "unsubscribe"
            assertThat(events.types()).containsExactly(MessageReceived.class, ReplyQueued.class);
            ReplyQueued reply = events.onlyReplyQueued();
            assertThat(reply.reply()).isEqualTo(new OutboundReply.Text(LEFT));
            assertThat(reply.reply().fallbackText()).contains("left", "Morning Devotional", "*devotional* to join");
            assertBilledAsContentReply(reply, "wamid.2");
        }

        @ParameterizedTest
        @ValueSource(strings = {"LEAVE Devotional!", "  Stop   DEVOTIONAL. ", "Unsubscribe   devotional"})
        void leavingIsReadWhateverItsCaseSpacesAndTrailingPunctuation(String text) {
            fixture.given(started())
                    .when(says("wamid.2", text))
                    .expectResultMessagePayload(LEAVE);
        }

        @ParameterizedTest
        @ValueSource(strings = {"stop", "STOP!", "unsubscribe"})
        void anOptOutWordAloneOptsOutAndLeavesNoProgram(String text) {
            ResultValidator<Conversation> result = fixture.given(started())
                    .when(says("wamid.2", text))
                    .expectResultMessagePayload(List.of());
            Published events = publishedBy(result);

            // the organization's consent words are read before any flow
            assertThat(events.of(ContactOptedOut.class)).containsExactly(
                    new ContactOptedOut(ID, SESSION, ORG, CONTACT_ID, ConsentSource.KEYWORD, SOON));
            assertThat(events.onlyReply().fallbackText()).isEqualTo(GlobalWords.OPTED_OUT);
            assertThat(events.onlyReplyQueued().module()).isNotEqualTo("content");
        }

        @Test
        void leavingIsNotAnOptOut() {
            ResultValidator<Conversation> result = fixture.given(started())
                    .when(says("wamid.2", "stop devotional"))
                    .expectResultMessagePayload(LEAVE);
            assertThat(publishedBy(result).types()).doesNotContain(ContactOptedOut.class);
        }

        @ParameterizedTest
        @ValueSource(strings = {"leave", "leave nothing-known", "unsubscribe nothing-known", "stop nothing-known",
                "leave  ", "leaving devotional"})
        void aLeaveWithoutAKnownProgramIsNotUnderstood(String text) {
            ResultValidator<Conversation> result = fixture.given(started())
                    .when(says("wamid.2", text))
                    .expectResultMessagePayload(List.of());
            Published events = publishedBy(result);

            assertThat(events.onlyStateChange().stateData()).isEqualTo(Map.of(IdleFlow.NOT_UNDERSTOOD, "1"));
            OutboundReply.ChoiceList menu = (OutboundReply.ChoiceList) events.onlyReply();
            assertThat(menu.body()).isEqualTo("Sorry, I didn't understand that. Here is what I can do:");
            assertThat(events.onlyReplyQueued().module()).isEqualTo("general");
        }

        @Test
        void joiningAndThenLeavingGiveOneEffectEach() {
            fixture.given(started())
                    .andGivenCommands(says("wamid.2", "devotional"))
                    .when(says("wamid.3", "leave devotional"))
                    .expectResultMessagePayload(LEAVE);
        }
    }

    // ---- other flows come first -----------------------------------------------------------------------------------

    @Nested
    class OtherFlowsComeFirst {

        @Test
        void theKeywordInTheMiddleOfASurveyIsTheSurveysAnswer() {
            ResultValidator<Conversation> result = fixture.givenNoPriorActivity()
                    .andGivenCommands(says("wamid.1", "feedback"))
                    .when(says("wamid.2", "devotional"))
                    .expectState(conversation ->
                            assertThat(conversation.state()).isEqualTo(ConversationState.SURVEY_IN_PROGRESS));
            Effects effects = Effects.of(result);
            Published events = publishedBy(result);

            assertThat(effects.effects).hasSize(1).doesNotHaveAnyElementsOfTypes(
                    ConversationEffect.JoinProgram.class);
            ConversationEffect.AnswerSurvey answer = (ConversationEffect.AnswerSurvey) effects.effects.get(0);
            assertThat(answer.messageId()).isEqualTo("wamid.2");
            assertThat(answer.answer()).isEqualTo(new MessageContent.Text("devotional"));
            // the reply waits for the survey's next step
            assertThat(events.types()).containsExactly(MessageReceived.class);
        }

        @Test
        void leavingInTheMiddleOfASurveyIsTheSurveysAnswerToo() {
            fixture.given(started(), inState(ConversationState.SURVEY_IN_PROGRESS, SURVEY_DATA))
                    .when(says("wamid.2", "leave devotional"))
                    .expectResultMessagePayload(List.of(new ConversationEffect.AnswerSurvey("resp-1", "wamid.2",
                            new MessageContent.Text("leave devotional"))));
        }

        @Test
        void aSurveyKeywordIsNotShadowedByAProgramWithTheSameKeyword() {
            // IdleFlow looks surveys up before programs
            catalogs.programsByKeyword.put("feedback", DEVOTIONAL);
            ResultValidator<Conversation> result = fixture.given(started())
                    .when(says("wamid.2", "feedback"))
                    .expectState(conversation ->
                            assertThat(conversation.state()).isEqualTo(ConversationState.SURVEY_IN_PROGRESS));
            Effects effects = Effects.of(result);

            assertThat(effects.effects).hasSize(1);
            ConversationEffect.StartSurvey start = (ConversationEffect.StartSurvey) effects.effects.get(0);
            assertThat(start.definition()).isEqualTo(FakeCatalogs.FEEDBACK);
            assertThat(start.source()).isEqualTo("keyword:feedback");
            assertThat(publishedBy(result).types()).doesNotContain(ReplyQueued.class);
        }

        @Test
        void aPollKeywordIsNotShadowedByAProgramWithTheSameKeyword() {
            catalogs.programsByKeyword.put("vote", DEVOTIONAL);
            ResultValidator<Conversation> result = fixture.given(started())
                    .when(says("wamid.2", "vote"))
                    .expectResultMessagePayload(List.of());
            assertThat(publishedBy(result).onlyStateChange().toState()).isEqualTo("answering_poll");
        }

        @Test
        void aTappedPollVoteTitledLikeTheKeywordIsAVoteNotAJoin() {
            // a poll's buttons are read by their id before the flow sees the title
            fixture.given(started())
                    .when(message("wamid.2", new MessageContent.ButtonReply("poll:poll-1:1", "devotional"), SOON))
                    .expectResultMessagePayload(List.of(new ConversationEffect.VoteInPoll("poll-1", "1")));
        }

        @Test
        void theHelpRowTitledLikeTheKeywordIsHelpNotAJoin() {
            ResultValidator<Conversation> result = fixture.given(started())
                    .when(message("wamid.2", new MessageContent.ListReply(GlobalWords.MENU_HELP, "devotional", null),
                            SOON))
                    .expectResultMessagePayload(List.of());
            assertThat(publishedBy(result).onlyReply().fallbackText()).startsWith("Send *menu* to see options");
        }

        @Test
        void whileAPersonHoldsTheConversationTheKeywordJoinsNothing() {
            ResultValidator<Conversation> result = fixture.given(started(),
                            new ConversationHandedOver(ID, SESSION, ORG, CONTACT_ID,
                                    ConversationHandedOver.CONTACT_ASKED, null, T0),
                            inState(ConversationState.HANDED_OVER,
                                    Map.of(HandoverFlow.REASON, ConversationHandedOver.CONTACT_ASKED)))
                    .when(says("wamid.2", "devotional"))
                    .expectResultMessagePayload(List.of());
            assertThat(publishedBy(result).types()).containsExactly(MessageReceived.class);
        }

        @Test
        void inTheTicketFlowTheKeywordIsNotAJoin() {
            // program keywords are routed from idle only
            fixture.given(started(), inState(ConversationState.CHOOSING_EVENT, Map.of()))
                    .when(says("wamid.2", "devotional"))
                    .expectResultMessagePayloadMatching(new BaseMatcher<Object>() {
                        @Override
                        public boolean matches(Object actual) {
                            return ((List<?>) actual).stream()
                                    .noneMatch(e -> e instanceof ConversationEffect.JoinProgram);
                        }

                        @Override
                        public void describeTo(Description description) {
                            description.appendText("no JoinProgram effect");
                        }
                    });
        }
    }
}
