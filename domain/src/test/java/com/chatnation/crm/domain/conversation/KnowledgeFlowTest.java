package com.chatnation.crm.domain.conversation;

import com.chatnation.crm.domain.TestContacts;
import com.chatnation.crm.domain.common.PhoneNumber;
import com.chatnation.crm.domain.knowledge.KnowledgeAnswer;
import com.chatnation.crm.domain.knowledge.KnowledgeMatch;
import com.chatnation.crm.domain.messaging.MessageContent;
import com.chatnation.crm.domain.messaging.MessageContext;
import com.chatnation.crm.domain.messaging.OutboundReply;
import org.axonframework.eventhandling.EventMessage;
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

import static com.chatnation.crm.domain.conversation.FakeCatalogs.ORG;
import static org.assertj.core.api.Assertions.assertThat;

/** Questions answered from the knowledge base: asking, answering, rating and asking for a person from an answer. */
class KnowledgeFlowTest {

    private static final PhoneNumber CONTACT = PhoneNumber.of("+254712345678");
    private static final String CONTACT_ID = TestContacts.id(CONTACT);
    private static final String ID = ConversationId.of(ORG, CONTACT_ID);
    private static final String SESSION = "session-1";
    private static final Duration TIMEOUT = Duration.ofHours(24);
    private static final Instant T0 = Instant.parse("2026-11-21T10:00:00Z");
    private static final Instant SOON = T0.plusSeconds(5);
    private static final Map<String, String> SURVEY_DATA = Map.of("surveyId", "survey-1", "surveyVersion", "1",
            "responseId", "resp-1");
    private static final String NOT_UNDERSTOOD = "Sorry, I didn't understand that. Here is what I can do:";
    private static final List<KnowledgeMatch> MATCHES = List.of(new KnowledgeMatch("faq", "faq-1", null, 0.9));
    private static final KnowledgeAnswer FAQ = new KnowledgeAnswer(KnowledgeAnswer.Kind.FAQ, "kb-1", "faq-1",
            "Where do I park?", "Behind the hall, free for ticket holders.", MATCHES, 40);

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
        return message(messageId, new MessageContent.Text(text));
    }

    private static ReceiveMessage taps(String messageId, String id, String title) {
        return message(messageId, new MessageContent.ButtonReply(id, title));
    }

    private static ReceiveMessage message(String messageId, MessageContent content) {
        return new ReceiveMessage(ID, ORG, CONTACT_ID, CONTACT, "Jane", messageId, SOON, content, MessageContext.NONE,
                TIMEOUT);
    }

    private static ConversationStarted started() {
        return new ConversationStarted(ID, SESSION, ORG, CONTACT_ID, CONTACT.e164(), "Jane", T0, TIMEOUT);
    }

    private static StateChanged inState(ConversationState state, Map<String, String> data) {
        return new StateChanged(ID, SESSION, ORG, CONTACT_ID, "idle", state.stateName(), state.step(),
                state.module(), data);
    }

    private static StateChanged notUnderstoodTwice() {
        return inState(ConversationState.IDLE, Map.of(IdleFlow.NOT_UNDERSTOOD, "2"));
    }

    private static StateChanged inSurvey() {
        return inState(ConversationState.SURVEY_IN_PROGRESS, SURVEY_DATA);
    }

    private static Object[] handedOver() {
        return new Object[] {started(),
                new ConversationHandedOver(ID, SESSION, ORG, CONTACT_ID, ConversationHandedOver.CONTACT_ASKED, null,
                        T0),
                inState(ConversationState.HANDED_OVER,
                        Map.of(HandoverFlow.REASON, ConversationHandedOver.CONTACT_ASKED))};
    }

    private static RecordKnowledgeAnswer answer(KnowledgeAnswer answer) {
        return new RecordKnowledgeAnswer(ID, "q1", answer, SOON);
    }

    private static KnowledgeAnswer passage(String title, String text) {
        return new KnowledgeAnswer(KnowledgeAnswer.Kind.PASSAGE, "kb-1", "doc-1", title, text, MATCHES, 40);
    }

    private static List<OutboundReply.Choice> ratingButtons(String queryId) {
        return List.of(new OutboundReply.Choice("kb:yes:" + queryId, "Helpful"),
                new OutboundReply.Choice("kb:no:" + queryId, "Not helpful"));
    }

    /** Captures a command's result, for effects whose ids are generated. */
    static final class Result extends BaseMatcher<Object> {
        Object payload;

        @Override
        public boolean matches(Object actual) {
            payload = actual;
            return true;
        }

        @Override
        public void describeTo(Description description) {
            description.appendText("any result");
        }

        @SuppressWarnings("unchecked")
        List<ConversationEffect> effects() {
            assertThat(payload).isInstanceOf(List.class);
            return (List<ConversationEffect>) payload;
        }
    }

    private static Published publishedBy(ResultValidator<Conversation> result) {
        return Published.by(result);
    }

    private Result resultOf(ResultValidator<Conversation> result) {
        Result captured = new Result();
        result.expectResultMessagePayloadMatching(captured);
        return captured;
    }

    private static ConversationEffect.AskKnowledgeBase onlyAsk(Result result) {
        assertThat(result.effects()).hasSize(1).first().isInstanceOf(ConversationEffect.AskKnowledgeBase.class);
        return (ConversationEffect.AskKnowledgeBase) result.effects().get(0);
    }

    // ---- asking ---------------------------------------------------------------------------------------------------

    @Nested
    class Asking {

        @Test
        void unknownTypedTextInIdleGoesToTheKnowledgeBaseStrippedWithoutAReplyOrStateChange() {
            catalogs.knowledge = true;
            ResultValidator<Conversation> validator = fixture.given(started())
                    .when(says("wamid.2", "  Where can I park?\n"))
                    .expectSuccessfulHandlerExecution()
                    .expectState(conversation -> {
                        assertThat(conversation.state()).isEqualTo(ConversationState.IDLE);
                        assertThat(conversation.stateData()).isEmpty();
                    });
            Result result = resultOf(validator);
            Published events = publishedBy(validator);

            ConversationEffect.AskKnowledgeBase ask = onlyAsk(result);
            assertThat(ask.question()).isEqualTo("Where can I park?");
            assertThat(ask.queryId()).isNotBlank();
            assertThat(events.types()).containsExactly(MessageReceived.class);
        }

        @Test
        void eachQuestionGetsItsOwnQueryId() {
            catalogs.knowledge = true;
            Result first = resultOf(fixture.given(started()).when(says("wamid.2", "Where can I park?")));
            setUp();
            catalogs.knowledge = true;
            Result second = resultOf(fixture.given(started()).when(says("wamid.2", "Where can I park?")));
            assertThat(onlyAsk(first).queryId()).isNotEqualTo(onlyAsk(second).queryId());
        }

        @Test
        void theRunOfMisunderstandingsIsKeptWhileTheQuestionIsAnswered() {
            catalogs.knowledge = true;
            ResultValidator<Conversation> validator = fixture.given(started(), notUnderstoodTwice())
                    .when(says("wamid.2", "what about refunds"))
                    .expectState(conversation -> assertThat(conversation.stateData())
                            .isEqualTo(Map.of(IdleFlow.NOT_UNDERSTOOD, "2")));
            assertThat(onlyAsk(resultOf(validator)).question()).isEqualTo("what about refunds");
            assertThat(publishedBy(validator).types()).containsExactly(MessageReceived.class);
        }

        @Test
        void aFirstMessageStartsTheSessionAndAsks() {
            catalogs.knowledge = true;
            ResultValidator<Conversation> validator = fixture.givenNoPriorActivity()
                    .when(says("wamid.1", "Is there wifi?"));
            assertThat(onlyAsk(resultOf(validator)).question()).isEqualTo("Is there wifi?");
            assertThat(publishedBy(validator).types()).containsExactly(ConversationStarted.class,
                    MessageReceived.class);
        }

        @Test
        void withoutAKnowledgeBaseUnknownTextGetsTheNotUnderstoodMenu() {
            ResultValidator<Conversation> validator = fixture.given(started())
                    .when(says("wamid.2", "Where can I park?"))
                    .expectResultMessagePayload(List.of());
            Published events = publishedBy(validator);

            assertThat(events.types()).containsExactly(MessageReceived.class, StateChanged.class,
                    ReplyQueued.class);
            assertThat(events.onlyStateChange().stateData()).isEqualTo(Map.of(IdleFlow.NOT_UNDERSTOOD, "1"));
            assertThat(events.onlyReply()).isInstanceOf(OutboundReply.ChoiceList.class);
            assertThat(((OutboundReply.ChoiceList) events.onlyReply()).body()).isEqualTo(NOT_UNDERSTOOD);
            assertThat(events.onlyReplyQueued().module()).isEqualTo("general");
            assertThat(events.onlyReplyQueued().action()).isEqualTo("reply");
        }

        @Test
        void aReactionNeverGoesToTheKnowledgeBase() {
            catalogs.knowledge = true;
            ResultValidator<Conversation> validator = fixture.given(started())
                    .when(message("wamid.2", new MessageContent.Reaction("wamid.1", "👍")))
                    .expectResultMessagePayload(List.of());
            assertThat(publishedBy(validator).types()).containsExactly(MessageReceived.class);
        }

        @Test
        void aTextWithoutABodyIsNoQuestionAndGetsTheNotUnderstoodMenu() {
            catalogs.knowledge = true;
            ResultValidator<Conversation> validator = fixture.given(started())
                    .when(message("wamid.2", new MessageContent.Text(null)))
                    .expectResultMessagePayload(List.of());
            assertThat(publishedBy(validator).types()).contains(ReplyQueued.class);
        }

        @Test
        void anUnsupportedMessageGetsTheCantReadReplyNotTheKnowledgeBase() {
            catalogs.knowledge = true;
            ResultValidator<Conversation> validator = fixture.given(started())
                    .when(message("wamid.2", new MessageContent.Unsupported("unknown", 131051, "Unsupported")))
                    .expectResultMessagePayload(List.of());
            Published events = publishedBy(validator);
            assertThat(events.onlyReply().fallbackText())
                    .startsWith("Sorry, I can't read that kind of message yet. Here is what I can do:");
            assertThat(events.onlyStateChange().stateData()).isEqualTo(Map.of(IdleFlow.NOT_UNDERSTOOD, "1"));
        }

        @Test
        void aMediaCaptionIsNotAQuestionForTheKnowledgeBase() {
            catalogs.knowledge = true;
            ResultValidator<Conversation> validator = fixture.given(started())
                    .when(message("wamid.2", new MessageContent.Media("image", "media-1", "image/jpeg",
                            "where is this?", null, false, false)))
                    .expectResultMessagePayload(List.of());
            assertThat(publishedBy(validator).onlyReply().fallbackText()).startsWith(NOT_UNDERSTOOD);
        }

        @Test
        void keywordsStillStartTheirFlowsWhenThereIsAKnowledgeBase() {
            catalogs.knowledge = true;
            ResultValidator<Conversation> validator = fixture.given(started())
                    .when(says("wamid.2", "tickets"))
                    .expectResultMessagePayload(List.of());
            assertThat(publishedBy(validator).onlyStateChange().toState()).isEqualTo("purchasing_ticket");
        }

        @Test
        void typedTextOutsideIdleIsNotAQuestionForTheKnowledgeBase() {
            catalogs.knowledge = true;
            ResultValidator<Conversation> validator = fixture.given(started(), inSurvey())
                    .when(says("wamid.2", "5"));
            Result result = resultOf(validator);
            assertThat(result.effects()).noneMatch(e -> e instanceof ConversationEffect.AskKnowledgeBase);
        }

        @Test
        void typedTextThatLooksLikeARatingIdIsAQuestionNotARating() {
            catalogs.knowledge = true;
            Result result = resultOf(fixture.given(started()).when(says("wamid.2", "kb:yes:q1")));
            assertThat(onlyAsk(result).question()).isEqualTo("kb:yes:q1");
        }
    }

    // ---- answering ------------------------------------------------------------------------------------------------

    @Nested
    class Answering {

        @Test
        void anFaqAnswerGoesOutWithRatingButtonsBilledAsAnAiQuery() {
            ResultValidator<Conversation> validator = fixture.given(started())
                    .when(answer(FAQ))
                    .expectSuccessfulHandlerExecution();
            Published events = publishedBy(validator);

            assertThat(events.types()).containsExactly(ReplyQueued.class);
            ReplyQueued reply = events.onlyReplyQueued();
            assertThat(reply.reply()).isEqualTo(new OutboundReply.Buttons("Behind the hall, free for ticket holders.",
                    ratingButtons("q1")));
            assertThat(reply.module()).isEqualTo("ai");
            assertThat(reply.action()).isEqualTo("ai_query");
            assertThat(reply.inReplyToMessageId()).isNull();
            assertThat(reply.sessionId()).isEqualTo(SESSION);
        }

        @Test
        void anAnswerEndsARunOfMisunderstandings() {
            ResultValidator<Conversation> validator = fixture.given(started(), notUnderstoodTwice())
                    .when(answer(FAQ))
                    .expectState(conversation -> {
                        assertThat(conversation.state()).isEqualTo(ConversationState.IDLE);
                        assertThat(conversation.stateData()).isEmpty();
                    });
            Published events = publishedBy(validator);

            assertThat(events.types()).containsExactly(StateChanged.class, ReplyQueued.class);
            assertThat(events.onlyStateChange()).isEqualTo(new StateChanged(ID, SESSION, ORG, CONTACT_ID, "idle",
                    "idle", null, "general", Map.of()));
            assertThat(events.onlyReplyQueued().module()).isEqualTo("ai");
            assertThat(events.onlyReplyQueued().action()).isEqualTo("ai_query");
        }

        @Test
        void aPassageIsQuotedWithItsDocumentsTitle() {
            Published events = publishedBy(fixture.given(started())
                    .when(answer(passage("Visitor handbook", "Parking is behind the hall."))));

            assertThat(events.onlyReply()).isEqualTo(new OutboundReply.Buttons(
                    "From *Visitor handbook*:\n\n\"Parking is behind the hall.\"", ratingButtons("q1")));
            assertThat(events.onlyReplyQueued().module()).isEqualTo("ai");
            assertThat(events.onlyReplyQueued().action()).isEqualTo("ai_query");
        }

        @Test
        void aLongPassageAndTitleAreCutSoTheBodyFitsWhatsAppsLimit() {
            String title = "T".repeat(300);
            String text = "p".repeat(5_000);
            Published events = publishedBy(fixture.given(started()).when(answer(passage(title, text))));

            OutboundReply.Buttons reply = (OutboundReply.Buttons) events.onlyReply();
            assertThat(reply.body()).hasSizeLessThanOrEqualTo(1024)
                    .startsWith("From *" + "T".repeat(79) + "…*:\n\n\"")
                    .contains("p".repeat(899) + "…\"")
                    .endsWith("\"");
            assertThat(reply.buttons()).isEqualTo(ratingButtons("q1"));
        }

        @Test
        void aLongFaqAnswerIsSentWhole() {
            String text = "a".repeat(1_000);
            KnowledgeAnswer faq = new KnowledgeAnswer(KnowledgeAnswer.Kind.FAQ, "kb-1", "faq-1", "Q", text, MATCHES,
                    1);
            Published events = publishedBy(fixture.given(started()).when(answer(faq)));
            assertThat(((OutboundReply.Buttons) events.onlyReply()).body()).isEqualTo(text);
        }

        @Test
        void noAnswerOffersAPersonOrTheMenuAndCountsAsNotUnderstood() {
            ResultValidator<Conversation> validator = fixture.given(started())
                    .when(answer(KnowledgeAnswer.none(MATCHES, 50)))
                    .expectState(conversation -> {
                        assertThat(conversation.state()).isEqualTo(ConversationState.IDLE);
                        assertThat(conversation.stateData()).isEqualTo(Map.of(IdleFlow.NOT_UNDERSTOOD, "1"));
                    });
            Published events = publishedBy(validator);

            assertThat(events.types()).containsExactly(StateChanged.class, ReplyQueued.class);
            assertThat(events.onlyReply()).isEqualTo(new OutboundReply.Buttons(KnowledgeFlow.DONT_KNOW, List.of(
                    new OutboundReply.Choice("kb:human:q1", "Talk to a person"),
                    new OutboundReply.Choice("menu:open", "Menu"))));
            assertThat(KnowledgeFlow.DONT_KNOW)
                    .isEqualTo("I don't know the answer to that yet. Would you like to talk to a person?");
            assertThat(events.onlyReplyQueued().module()).isEqualTo("ai");
            assertThat(events.onlyReplyQueued().action()).isEqualTo("ai_query");
        }

        @Test
        void noAnswerAddsToARunOfMisunderstandings() {
            ResultValidator<Conversation> validator = fixture.given(started(),
                            inState(ConversationState.IDLE, Map.of(IdleFlow.NOT_UNDERSTOOD, "1")))
                    .when(answer(KnowledgeAnswer.none(List.of(), 50)))
                    .expectState(conversation -> assertThat(conversation.stateData())
                            .isEqualTo(Map.of(IdleFlow.NOT_UNDERSTOOD, "2")));
            assertThat(publishedBy(validator).onlyStateChange().stateData())
                    .isEqualTo(Map.of(IdleFlow.NOT_UNDERSTOOD, "2"));
        }

        @Test
        void noAnswerAtTheOrganizationsLimitHandsTheConversationToItsTeam() {
            ResultValidator<Conversation> validator = fixture.given(started(), notUnderstoodTwice())
                    .when(answer(KnowledgeAnswer.none(List.of(), 50)))
                    .expectState(conversation -> assertThat(conversation.state())
                            .isEqualTo(ConversationState.HANDED_OVER));
            Published events = publishedBy(validator);
            assertThat(events.of(ConversationHandedOver.class)).singleElement()
                    .extracting(ConversationHandedOver::reason).isEqualTo(ConversationHandedOver.BOT_COULD_NOT_HELP);
            assertThat(events.onlyReply()).isEqualTo(new OutboundReply.Text(HandoverFlow.BOT_GAVE_UP));
        }

        @Test
        void nothingIsSaidWhileAPersonHoldsTheConversation() {
            fixture.given(handedOver())
                    .when(answer(FAQ))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }

        @Test
        void nothingIsSaidOnceTheSessionExpired() {
            fixture.given(started(), new ConversationExpired(ID, SESSION, ORG, CONTACT_ID, T0, "idle"))
                    .when(answer(FAQ))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }

        @Test
        void nothingIsSaidOnceTheSessionWasClosed() {
            fixture.given(started(), new ConversationClosed(ID, SESSION, ORG, CONTACT_ID, "resolved"))
                    .when(answer(KnowledgeAnswer.none(List.of(), 1)))
                    .expectNoEvents();
        }

        @Test
        void nothingIsSaidToAnErasedContact() {
            fixture.given(started(), new ContactErased(ID, SESSION, ORG, CONTACT_ID, "request", T0.plusSeconds(1)))
                    .when(answer(FAQ))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }

        @Test
        void nothingIsSaidOnceTheContactStartedASurvey() {
            fixture.given(started(), inSurvey())
                    .when(answer(FAQ))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents()
                    .expectState(conversation -> {
                        assertThat(conversation.state()).isEqualTo(ConversationState.SURVEY_IN_PROGRESS);
                        assertThat(conversation.stateData()).isEqualTo(SURVEY_DATA);
                    });
        }

        @Test
        void theQuestionAskedIsAnsweredEndToEnd() {
            catalogs.knowledge = true;
            fixture.given(started())
                    .andGivenCommands(says("wamid.2", "Where can I park?"))
                    .when(answer(FAQ))
                    .expectEventsMatching(new BaseMatcher<List<EventMessage<?>>>() {
                        @Override
                        @SuppressWarnings("unchecked")
                        public boolean matches(Object actual) {
                            List<EventMessage<?>> events = (List<EventMessage<?>>) actual;
                            return events.size() == 1 && events.get(0).getPayload() instanceof ReplyQueued reply
                                    && reply.reply() instanceof OutboundReply.Buttons;
                        }

                        @Override
                        public void describeTo(Description description) {
                            description.appendText("one reply with buttons");
                        }
                    });
        }
    }

    // ---- taps under an answer -------------------------------------------------------------------------------------

    @Nested
    class Tapping {

        @Test
        void helpfulIsARatingAndThanked() {
            ResultValidator<Conversation> validator = fixture.given(started())
                    .when(taps("wamid.2", "kb:yes:q1", "Helpful"))
                    .expectResultMessagePayload(List.of(new ConversationEffect.RateAnswer("q1", true)))
                    .expectState(conversation -> assertThat(conversation.state()).isEqualTo(ConversationState.IDLE));
            Published events = publishedBy(validator);
            assertThat(events.types()).containsExactly(MessageReceived.class, ReplyQueued.class);
            assertThat(events.onlyReply()).isEqualTo(new OutboundReply.Text("Thanks for letting us know!"));
            assertThat(events.onlyReplyQueued().inReplyToMessageId()).isEqualTo("wamid.2");
        }

        @Test
        void notHelpfulIsARatingAndSuggestsAskingAnotherWay() {
            ResultValidator<Conversation> validator = fixture.given(started())
                    .when(taps("wamid.2", "kb:no:q1", "Not helpful"))
                    .expectResultMessagePayload(List.of(new ConversationEffect.RateAnswer("q1", false)));
            assertThat(publishedBy(validator).onlyReply()).isEqualTo(new OutboundReply.Text(
                    "Sorry that didn't help. Try asking another way, or send *agent* to talk to a person."));
        }

        @Test
        void aQueryIdWithColonsIsKeptWhole() {
            fixture.given(started())
                    .when(taps("wamid.2", "kb:yes:q:1:x", "Helpful"))
                    .expectResultMessagePayload(List.of(new ConversationEffect.RateAnswer("q:1:x", true)));
        }

        @Test
        void aTappedListRowIsARatingToo() {
            fixture.given(started())
                    .when(message("wamid.2", new MessageContent.ListReply("kb:no:q7", "Not helpful", null)))
                    .expectResultMessagePayload(List.of(new ConversationEffect.RateAnswer("q7", false)));
        }

        @ParameterizedTest
        @ValueSource(strings = {"kb:yes:q1", "kb:no:q1"})
        void aRatingInTheMiddleOfASurveyLeavesTheSurveyBe(String id) {
            ResultValidator<Conversation> validator = fixture.given(started(), inSurvey())
                    .when(taps("wamid.2", id, "Helpful"))
                    .expectResultMessagePayload(List.of(new ConversationEffect.RateAnswer("q1",
                            id.startsWith("kb:yes"))))
                    .expectState(conversation -> {
                        assertThat(conversation.state()).isEqualTo(ConversationState.SURVEY_IN_PROGRESS);
                        assertThat(conversation.stateData()).isEqualTo(SURVEY_DATA);
                    });
            Published events = publishedBy(validator);
            assertThat(events.types()).containsExactly(MessageReceived.class, ReplyQueued.class);
            assertThat(events.onlyReply().fallbackText()).isIn("Thanks for letting us know!",
                    "Sorry that didn't help. Try asking another way, or send *agent* to talk to a person.");
        }

        @Test
        void theSurveyStillTakesAnswersAfterARating() {
            fixture.given(started(), inSurvey())
                    .andGivenCommands(taps("wamid.2", "kb:yes:q1", "Helpful"))
                    .when(says("wamid.3", "5"))
                    .expectResultMessagePayload(List.of(
                            new ConversationEffect.AnswerSurvey("resp-1", "wamid.3", new MessageContent.Text("5"))));
        }

        @Test
        void talkToAPersonHandsTheConversationOver() {
            ResultValidator<Conversation> validator = fixture.given(started(), notUnderstoodTwice())
                    .when(taps("wamid.2", "kb:human:q1", "Talk to a person"))
                    .expectResultMessagePayload(List.of())
                    .expectState(conversation ->
                            assertThat(conversation.state()).isEqualTo(ConversationState.HANDED_OVER));
            Published events = publishedBy(validator);

            assertThat(events.types()).containsExactly(MessageReceived.class, ConversationHandedOver.class,
                    StateChanged.class, ReplyQueued.class);
            assertThat(events.of(ConversationHandedOver.class)).containsExactly(new ConversationHandedOver(ID,
                    SESSION, ORG, CONTACT_ID, ConversationHandedOver.CONTACT_ASKED, null, SOON));
            assertThat(events.onlyStateChange()).isEqualTo(new StateChanged(ID, SESSION, ORG, CONTACT_ID, "idle",
                    "handed_over", null, "inbox", Map.of(HandoverFlow.REASON, ConversationHandedOver.CONTACT_ASKED)));
            assertThat(events.onlyReply()).isEqualTo(new OutboundReply.Text(HandoverFlow.CONFIRMATION));
        }

        @Test
        void talkToAPersonMidSurveyAbandonsTheSurvey() {
            fixture.given(started(), inSurvey())
                    .when(taps("wamid.2", "kb:human:q1", "Talk to a person"))
                    .expectResultMessagePayload(List.of(new ConversationEffect.AbandonSurvey("resp-1", "handed_over")))
                    .expectState(conversation ->
                            assertThat(conversation.state()).isEqualTo(ConversationState.HANDED_OVER));
        }

        @Test
        void theMenuButtonUnderNoAnswerShowsTheMenu() {
            ResultValidator<Conversation> validator = fixture.given(started())
                    .when(taps("wamid.2", "menu:open", "Menu"))
                    .expectResultMessagePayload(List.of());
            assertThat(publishedBy(validator).onlyReply().fallbackText()).startsWith("Hi! What would you like to do?");
        }

        @Test
        void aTapWhileAPersonHoldsTheConversationIsOnlyRecorded() {
            ResultValidator<Conversation> validator = fixture.given(handedOver())
                    .when(taps("wamid.2", "kb:yes:q1", "Helpful"))
                    .expectResultMessagePayload(List.of())
                    .expectState(conversation ->
                            assertThat(conversation.state()).isEqualTo(ConversationState.HANDED_OVER));
            assertThat(publishedBy(validator).types()).containsExactly(MessageReceived.class);
        }

        @ParameterizedTest
        @ValueSource(strings = {"kb:yes:", "kb:yes: ", "kb:yes", "kb:no:", "kb:human:"})
        void aTapWithoutAQueryIdIsNotAKnowledgeTap(String id) {
            catalogs.knowledge = true;
            ResultValidator<Conversation> validator = fixture.given(started())
                    .when(taps("wamid.2", id, "Helpful"))
                    .expectResultMessagePayload(List.of())
                    .expectState(conversation -> assertThat(conversation.state()).isEqualTo(ConversationState.IDLE));
            Published events = publishedBy(validator);
            assertThat(events.onlyReply().fallbackText()).startsWith(NOT_UNDERSTOOD);
            assertThat(events.of(ConversationHandedOver.class)).isEmpty();
        }

        @Test
        void anUnknownKnowledgeTapGetsTheMenuAndNoRating() {
            ResultValidator<Conversation> validator = fixture.given(started())
                    .when(taps("wamid.2", "kb:maybe:q1", "Maybe"))
                    .expectResultMessagePayload(List.of());
            assertThat(publishedBy(validator).onlyReply().fallbackText()).startsWith(NOT_UNDERSTOOD);
        }
    }
}
