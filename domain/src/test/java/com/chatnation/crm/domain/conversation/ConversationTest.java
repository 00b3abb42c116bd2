package com.chatnation.crm.domain.conversation;

import com.chatnation.crm.domain.TestContacts;
import com.chatnation.crm.domain.common.DomainRuleViolation;
import com.chatnation.crm.domain.common.PhoneNumber;
import com.chatnation.crm.domain.messaging.MessageContent;
import com.chatnation.crm.domain.messaging.MessageContext;
import com.chatnation.crm.domain.messaging.OutboundReply;
import com.chatnation.crm.domain.survey.QuestionPrompt;
import com.chatnation.crm.domain.survey.SurveyStep;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.ResultValidator;
import org.hamcrest.BaseMatcher;
import org.hamcrest.Description;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static com.chatnation.crm.domain.conversation.FakeCatalogs.ORG;
import static org.assertj.core.api.Assertions.assertThat;

class ConversationTest {

    private static final PhoneNumber CONTACT = PhoneNumber.of("+254712345678");
    private static final String ID = ConversationId.of(ORG, TestContacts.id(CONTACT));
    private static final String SESSION = "session-1";
    private static final Duration TIMEOUT = Duration.ofHours(24);
    private static final Instant T0 = Instant.parse("2026-11-21T10:00:00Z");

    private AggregateTestFixture<Conversation> fixture;
    private FakeCatalogs catalogs;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Conversation.class);
        catalogs = new FakeCatalogs();
        fixture.registerInjectableResource(catalogs);
    }

    private static ReceiveMessage says(String messageId, String text, Instant at) {
        return message(messageId, new MessageContent.Text(text), at);
    }

    private static ReceiveMessage message(String messageId, MessageContent content, Instant at) {
        return new ReceiveMessage(ID, ORG, TestContacts.id(CONTACT), CONTACT, "Jane", messageId, at, content, MessageContext.NONE, TIMEOUT);
    }

    private static ConversationStarted started() {
        return new ConversationStarted(ID, SESSION, ORG, TestContacts.id(CONTACT.e164()), CONTACT.e164(), "Jane", T0, TIMEOUT);
    }

    private static MessageReceived received(String messageId, String text, Instant at) {
        return new MessageReceived(ID, SESSION, ORG, TestContacts.id(CONTACT.e164()), CONTACT.e164(), messageId, at, new MessageContent.Text(text),
                MessageContext.NONE, "Jane");
    }

    private static StateChanged inState(ConversationState state, Map<String, String> data) {
        return new StateChanged(ID, SESSION, ORG, TestContacts.id(CONTACT.e164()), "idle", state.stateName(), state.step(),
                state.module(), data);
    }

    private static final Map<String, String> SURVEY_DATA = Map.of("surveyId", "survey-1", "surveyVersion", "1",
            "responseId", "resp-1");

    /** Captures what a command published, so tests can look at events whose ids are generated. */
    static final class Published extends BaseMatcher<List<EventMessage<?>>> {
        final List<Object> payloads = new ArrayList<>();

        @Override
        @SuppressWarnings("unchecked")
        public boolean matches(Object actual) {
            ((List<EventMessage<?>>) actual).forEach(event -> payloads.add(event.getPayload()));
            return true;
        }

        @Override
        public void describeTo(Description description) {
            description.appendText("any events");
        }

        List<Class<?>> types() {
            return payloads.stream().<Class<?>>map(Object::getClass).toList();
        }

        <T> List<T> of(Class<T> type) {
            return payloads.stream().filter(type::isInstance).map(type::cast).toList();
        }

        OutboundReply onlyReply() {
            List<ReplyQueued> replies = of(ReplyQueued.class);
            assertThat(replies).hasSize(1);
            return replies.get(0).reply();
        }
    }

    private Published publishedBy(ResultValidator<Conversation> result) {
        Published published = new Published();
        result.expectEventsMatching(published);
        return published;
    }

    @Nested
    class StartingAndGreeting {
        @Test
        void aFirstMessageStartsASessionAndGetsTheMenu() {
            Published events = publishedBy(fixture.givenNoPriorActivity()
                    .when(says("wamid.1", "Hi", T0))
                    .expectSuccessfulHandlerExecution()
                    .expectResultMessagePayload(List.of()));

            assertThat(events.types()).containsExactly(ConversationStarted.class, MessageReceived.class, ReplyQueued.class);
            ConversationStarted start = events.of(ConversationStarted.class).get(0);
            assertThat(start.conversationId()).isEqualTo(ID);
            assertThat(start.inactivityTimeout()).isEqualTo(TIMEOUT);
            ReplyQueued reply = events.of(ReplyQueued.class).get(0);
            assertThat(reply.inReplyToMessageId()).isEqualTo("wamid.1");
            assertThat(reply.module()).isEqualTo("general");
            OutboundReply.ChoiceList menu = (OutboundReply.ChoiceList) reply.reply();
            assertThat(menu.rows()).extracting(OutboundReply.Choice::id)
                    .containsExactly("menu:tickets", "survey:survey-1", "menu:help");
        }

        @Test
        void theSameMessageDeliveredTwiceIsHandledOnce() {
            fixture.given(started(), received("wamid.1", "Hi", T0))
                    .when(says("wamid.1", "Hi", T0))
                    .expectNoEvents()
                    .expectResultMessagePayload(List.of());
        }

        @Test
        void schedulesTheInactivityDeadline() {
            fixture.givenNoPriorActivity()
                    .when(says("wamid.1", "Hi", T0))
                    .expectScheduledDeadlineWithName(T0.plus(TIMEOUT), Conversation.INACTIVITY_DEADLINE);
        }

        @Test
        void unknownTextGetsAHelpfulRePrompt() {
            OutboundReply reply = publishedBy(fixture.given(started())
                    .when(says("wamid.2", "what is this", T0.plusSeconds(5)))).onlyReply();
            assertThat(((OutboundReply.ChoiceList) reply).body()).startsWith("Sorry, I didn't understand that");
        }

        @Test
        void unsupportedMessagesGetAFriendlyHint() {
            OutboundReply reply = publishedBy(fixture.given(started())
                    .when(message("wamid.2", new MessageContent.Unsupported("unknown", 131051, "Unsupported"),
                            T0.plusSeconds(5)))).onlyReply();
            assertThat(((OutboundReply.ChoiceList) reply).body()).startsWith("Sorry, I can't read that kind of message");
        }

        @Test
        void reactionsAreRecordedButNotAnswered() {
            Published events = publishedBy(fixture.given(started())
                    .when(message("wamid.2", new MessageContent.Reaction("wamid.1", "👍"), T0.plusSeconds(5))));
            assertThat(events.types()).containsExactly(MessageReceived.class);
        }

        @Test
        void helpExplainsTheWords() {
            OutboundReply reply = publishedBy(fixture.given(started())
                    .when(message("wamid.2", new MessageContent.ListReply("menu:help", "Help", null),
                            T0.plusSeconds(5)))).onlyReply();
            assertThat(reply.fallbackText()).contains("*cancel*").contains("*tickets*");
        }

        @Test
        void refusesAMissingTimeout() {
            fixture.givenNoPriorActivity()
                    .when(new ReceiveMessage(ID, ORG, TestContacts.id(CONTACT), CONTACT, "Jane", "wamid.1", T0, new MessageContent.Text("hi"),
                            MessageContext.NONE, Duration.ZERO))
                    .expectException(DomainRuleViolation.class)
                    .expectExceptionMessage("inactivity timeout must be positive")
                    .expectNoEvents();
        }
    }

    @Nested
    class Surveys {
        @Test
        void aTriggerKeywordStartsTheSurvey() {
            ResultValidator<Conversation> result = fixture.given(started())
                    .when(says("wamid.2", "Feedback", T0.plusSeconds(5)));
            Published events = publishedBy(result);

            assertThat(events.types()).containsExactly(MessageReceived.class, StateChanged.class);
            StateChanged changed = events.of(StateChanged.class).get(0);
            assertThat(changed.toState()).isEqualTo("survey_in_progress");
            assertThat(changed.module()).isEqualTo("surveys");
            assertThat(changed.stateData()).containsEntry("surveyId", "survey-1").containsKey("responseId");
            result.expectResultMessagePayloadMatching(new BaseMatcher<>() {
                @Override
                public boolean matches(Object actual) {
                    List<?> effects = (List<?>) actual;
                    return effects.size() == 1 && effects.get(0) instanceof ConversationEffect.StartSurvey start
                            && start.definition().equals(FakeCatalogs.FEEDBACK)
                            && start.source().equals("keyword:feedback")
                            && start.responseId().equals(changed.stateData().get("responseId"));
                }

                @Override
                public void describeTo(Description description) {
                    description.appendText("one StartSurvey effect for the feedback survey");
                }
            });
        }

        @Test
        void theResponsesQuestionBecomesTheReply() {
            SurveyStep.Ask ask = new SurveyStep.Ask(FakeCatalogs.FEEDBACK.firstQuestion(), null,
                    QuestionPrompt.ask(FakeCatalogs.FEEDBACK.firstQuestion()));
            Published events = publishedBy(fixture.given(started(), inState(ConversationState.SURVEY_IN_PROGRESS, SURVEY_DATA))
                    .when(new RecordSurveyStep(ID, "resp-1", ask)));

            assertThat(events.of(StateChanged.class).get(0).stateData()).containsEntry("currentQuestion", "q1");
            assertThat(events.onlyReply()).isEqualTo(ask.prompt());
        }

        @Test
        void answersAreForwardedToTheResponse() {
            ResultValidator<Conversation> result = fixture.given(started(),
                            inState(ConversationState.SURVEY_IN_PROGRESS, SURVEY_DATA))
                    .when(says("wamid.3", "5", T0.plusSeconds(10)));
            assertThat(publishedBy(result).types()).containsExactly(MessageReceived.class);
            result.expectResultMessagePayload(List.of(
                    new ConversationEffect.AnswerSurvey("resp-1", "wamid.3", new MessageContent.Text("5"))));
        }

        @Test
        void completionThanksTheContactAndReturnsToIdle() {
            Published events = publishedBy(fixture.given(started(), inState(ConversationState.SURVEY_IN_PROGRESS, SURVEY_DATA))
                    .when(new RecordSurveyStep(ID, "resp-1", new SurveyStep.Completed("Thanks for the feedback!", 0.8))));
            assertThat(events.of(StateChanged.class).get(0).toState()).isEqualTo("idle");
            assertThat(events.onlyReply()).isEqualTo(new OutboundReply.Text("Thanks for the feedback!"));
        }

        @Test
        void aStaleOutcomeForAnotherResponseChangesNothing() {
            fixture.given(started(), inState(ConversationState.SURVEY_IN_PROGRESS, SURVEY_DATA))
                    .when(new RecordSurveyStep(ID, "resp-old", new SurveyStep.Completed("x", 0)))
                    .expectNoEvents();
        }

        @Test
        void cancelAbandonsTheSurvey() {
            ResultValidator<Conversation> result = fixture.given(started(),
                            inState(ConversationState.SURVEY_IN_PROGRESS, SURVEY_DATA))
                    .when(says("wamid.3", "Cancel", T0.plusSeconds(10)));
            Published events = publishedBy(result);
            assertThat(events.of(StateChanged.class).get(0).toState()).isEqualTo("idle");
            assertThat(events.onlyReply().fallbackText()).startsWith("Okay, I've stopped that");
            result.expectResultMessagePayload(List.of(new ConversationEffect.AbandonSurvey("resp-1", "cancelled")));
        }

        @Test
        void menuMidSurveyLeavesItAndShowsTheMenu() {
            ResultValidator<Conversation> result = fixture.given(started(),
                            inState(ConversationState.SURVEY_IN_PROGRESS, SURVEY_DATA))
                    .when(says("wamid.3", "menu", T0.plusSeconds(10)));
            assertThat(publishedBy(result).onlyReply()).isInstanceOf(OutboundReply.ChoiceList.class);
            result.expectResultMessagePayload(List.of(new ConversationEffect.AbandonSurvey("resp-1", "left_for_menu")));
        }

        @Test
        void aSentenceContainingStopIsAnAnswerNotACommand() {
            fixture.given(started(), inState(ConversationState.SURVEY_IN_PROGRESS, SURVEY_DATA))
                    .when(says("wamid.3", "please don't stop the music", T0.plusSeconds(10)))
                    .expectResultMessagePayload(List.of(new ConversationEffect.AnswerSurvey("resp-1", "wamid.3",
                            new MessageContent.Text("please don't stop the music"))));
        }

        @Test
        void cancelWhenIdleSaysThereIsNothingToCancel() {
            OutboundReply reply = publishedBy(fixture.given(started())
                    .when(says("wamid.3", "cancel", T0.plusSeconds(10)))).onlyReply();
            assertThat(reply.fallbackText()).startsWith("There is nothing to cancel");
        }
    }

    @Nested
    class Tickets {
        private final Map<String, String> choosingType = Map.of("eventId", "ev-1", "eventName", "TechExpo");
        private final Map<String, String> choosingQuantity = Map.of("eventId", "ev-1", "eventName", "TechExpo",
                "ticketTypeId", "vip", "ticketTypeName", "VIP", "unitPrice", "5000", "currency", "KES", "maxQuantity", "3");
        private final Map<String, String> confirming = withEntry(choosingQuantity, "quantity", "2");

        @Test
        void ticketsListsTheEventsOnSale() {
            Published events = publishedBy(fixture.given(started()).when(says("wamid.2", "tickets", T0.plusSeconds(5))));
            StateChanged changed = events.of(StateChanged.class).get(0);
            assertThat(changed.toState()).isEqualTo("purchasing_ticket");
            assertThat(changed.step()).isEqualTo("choosing_event");
            assertThat(changed.module()).isEqualTo("events");
            OutboundReply.ChoiceList list = (OutboundReply.ChoiceList) events.onlyReply();
            assertThat(list.rows()).extracting(OutboundReply.Choice::id).containsExactly("event:ev-1");
        }

        @Test
        void noEventsOnSaleIsSaidPlainly() {
            catalogs.events.clear();
            OutboundReply reply = publishedBy(fixture.given(started())
                    .when(says("wamid.2", "tickets", T0.plusSeconds(5)))).onlyReply();
            assertThat(reply.fallbackText()).startsWith("There are no events with tickets on sale");
        }

        @Test
        void choosingAnEventByNumberOffersOnlyTicketTypesLeft() {
            Published events = publishedBy(fixture.given(started(),
                            inState(ConversationState.CHOOSING_EVENT, Map.of()))
                    .when(says("wamid.3", "1", T0.plusSeconds(5))));
            StateChanged changed = events.of(StateChanged.class).get(0);
            assertThat(changed.step()).isEqualTo("choosing_ticket_type");
            assertThat(changed.stateData()).containsEntry("eventId", "ev-1");
            OutboundReply.ChoiceList list = (OutboundReply.ChoiceList) events.onlyReply();
            assertThat(list.rows()).extracting(OutboundReply.Choice::id).containsExactly("tt:vip");
            assertThat(list.rows().get(0).description()).isEqualTo("KES 5,000 · 3 left");
        }

        @Test
        void anUnknownEventChoiceReOffersTheList() {
            Published events = publishedBy(fixture.given(started(), inState(ConversationState.CHOOSING_EVENT, Map.of()))
                    .when(says("wamid.3", "7", T0.plusSeconds(5))));
            assertThat(events.of(StateChanged.class)).isEmpty();
            assertThat(((OutboundReply.ChoiceList) events.onlyReply()).body()).isEqualTo("Please pick one of these events:");
        }

        @Test
        void pickingATicketTypeAsksHowMany() {
            Published events = publishedBy(fixture.given(started(),
                            inState(ConversationState.CHOOSING_TICKET_TYPE, choosingType))
                    .when(message("wamid.4", new MessageContent.ListReply("tt:vip", "VIP", null), T0.plusSeconds(5))));
            assertThat(events.of(StateChanged.class).get(0).stateData()).isEqualTo(choosingQuantity);
            assertThat(events.onlyReply().fallbackText()).isEqualTo("How many *VIP* tickets? Reply with a number from 1 to 3.");
        }

        @Test
        void aSoldOutTypeCannotBePicked() {
            Published events = publishedBy(fixture.given(started(),
                            inState(ConversationState.CHOOSING_TICKET_TYPE, choosingType))
                    .when(says("wamid.4", "Regular", T0.plusSeconds(5))));
            assertThat(events.of(StateChanged.class)).isEmpty();
            assertThat(((OutboundReply.ChoiceList) events.onlyReply()).body()).isEqualTo("Please pick one of these tickets:");
        }

        @Test
        void quantityInWordsLeadsToConfirmation() {
            Published events = publishedBy(fixture.given(started(),
                            inState(ConversationState.CHOOSING_QUANTITY, choosingQuantity))
                    .when(says("wamid.5", "two", T0.plusSeconds(5))));
            assertThat(events.of(StateChanged.class).get(0).step()).isEqualTo("confirming");
            OutboundReply.Buttons buttons = (OutboundReply.Buttons) events.onlyReply();
            assertThat(buttons.body()).isEqualTo("2 × VIP for *TechExpo*: KES 10,000. Shall I reserve them?");
            assertThat(buttons.buttons()).extracting(OutboundReply.Choice::id)
                    .containsExactly("ticket:confirm", "ticket:decline");
        }

        @Test
        void tooManyTicketsIsAskedAgain() {
            Published events = publishedBy(fixture.given(started(),
                            inState(ConversationState.CHOOSING_QUANTITY, choosingQuantity))
                    .when(says("wamid.5", "4", T0.plusSeconds(5))));
            assertThat(events.of(StateChanged.class)).isEmpty();
            assertThat(events.onlyReply().fallbackText()).isEqualTo("Please reply with a number from 1 to 3.");
        }

        @Test
        void confirmingAsksTheInventoryForAReservation() {
            ResultValidator<Conversation> result = fixture.given(started(),
                            inState(ConversationState.CONFIRMING_PURCHASE, confirming))
                    .when(message("wamid.6", new MessageContent.ButtonReply("ticket:confirm", "Yes, reserve"),
                            T0.plusSeconds(5)));
            Published events = publishedBy(result);
            String reservationId = events.of(StateChanged.class).get(0).stateData().get("reservationId");
            assertThat(reservationId).isNotBlank();
            assertThat(events.of(ReplyQueued.class)).isEmpty();
            result.expectResultMessagePayload(List.of(
                    new ConversationEffect.ReserveTickets("ev-1", reservationId, "vip", 2)));
        }

        @Test
        void theReservationBecomesPaymentInstructions() {
            Map<String, String> awaiting = withEntry(confirming, "reservationId", "res-1");
            Published events = publishedBy(fixture.given(started(),
                            inState(ConversationState.CONFIRMING_PURCHASE, awaiting))
                    .when(new RecordTicketReservation(ID, "res-1", ReservationOutcome.reserved("TechExpo", "VIP", 2,
                            new BigDecimal("10000"), "KES", Instant.parse("2026-11-21T10:15:00Z")))));
            assertThat(events.of(StateChanged.class).get(0).toState()).isEqualTo("idle");
            OutboundReply.Buttons reply = (OutboundReply.Buttons) events.onlyReply();
            assertThat(reply.body()).isEqualTo("Reserved: 2 × VIP for *TechExpo*. Total KES 10,000. "
                    + "Pay with reference *res-1* before 21 Nov 10:15 UTC; your tickets arrive here as soon as the "
                    + "payment is confirmed.");
            assertThat(reply.buttons()).containsExactly(
                    new OutboundReply.Choice("reservation:cancel:res-1", "Cancel reservation"));
        }

        @Test
        void aReservationPaidByAnMpesaPromptTellsTheContactToLookAtTheirPhone() {
            Map<String, String> awaiting = withEntry(confirming, "reservationId", "res-1");
            Published events = publishedBy(fixture.given(started(),
                            inState(ConversationState.CONFIRMING_PURCHASE, awaiting))
                    .when(new RecordTicketReservation(ID, "res-1", ReservationOutcome.reserved("TechExpo", "VIP", 2,
                            new BigDecimal("10000"), "KES", Instant.parse("2026-11-21T10:15:00Z")).withPaymentPrompt())));
            assertThat(events.of(StateChanged.class).get(0).toState()).isEqualTo("idle");
            assertThat(((OutboundReply.Buttons) events.onlyReply()).body()).isEqualTo("Reserved: 2 × VIP for *TechExpo*. Total KES 10,000. "
                    + "An M-Pesa payment request is on its way to your phone: enter your M-Pesa PIN there to pay "
                    + "(reference *res-1*). Your tickets arrive here as soon as the payment goes through; they are held "
                    + "until 21 Nov 10:15 UTC.");
        }

        @Test
        void aRefusedReservationIsExplained() {
            Map<String, String> awaiting = withEntry(confirming, "reservationId", "res-1");
            OutboundReply reply = publishedBy(fixture.given(started(),
                            inState(ConversationState.CONFIRMING_PURCHASE, awaiting))
                    .when(new RecordTicketReservation(ID, "res-1", ReservationOutcome.refused("only 1 VIP ticket left"))))
                    .onlyReply();
            assertThat(reply.fallbackText()).startsWith("Sorry, I couldn't reserve those tickets: only 1 VIP ticket left");
        }

        @Test
        void aFreeEventIsListedAsFreeAndOffersRegistrationInsteadOfTickets() {
            catalogs.events.add(new EventCatalog.EventOnSale("ev-free", "Open Day", "Campus",
                    Instant.parse("2027-04-01T09:00:00Z"), List.of()));
            Published listed = publishedBy(fixture.given(started()).when(says("wamid.2", "tickets", T0.plusSeconds(5))));
            OutboundReply.ChoiceList list = (OutboundReply.ChoiceList) listed.onlyReply();
            assertThat(list.rows().get(1).id()).isEqualTo("event:ev-free");
            assertThat(list.rows().get(1).description()).isEqualTo("Free · 1 Apr 2027 · Campus");

            Published chosen = publishedBy(fixture.given(started(), inState(ConversationState.CHOOSING_EVENT, Map.of()))
                    .when(message("wamid.3", new MessageContent.ListReply("event:ev-free", "Open Day", null),
                            T0.plusSeconds(5))));
            StateChanged changed = chosen.of(StateChanged.class).get(0);
            assertThat(changed.toState()).isEqualTo("registering_for_event");
            assertThat(changed.stateData()).containsEntry("eventId", "ev-free").containsEntry("eventName", "Open Day");
            OutboundReply.Buttons question = (OutboundReply.Buttons) chosen.onlyReply();
            assertThat(question.body()).isEqualTo("*Open Day* is free to attend. Shall I register you?");
            assertThat(question.buttons()).extracting(OutboundReply.Choice::id)
                    .containsExactly("event:register", "event:decline");
        }

        @Test
        void yesAsksTheEventToRegisterTheContact() {
            Map<String, String> registering = Map.of("eventId", "ev-free", "eventName", "Open Day");
            fixture.given(started(), inState(ConversationState.CONFIRMING_REGISTRATION, registering))
                    .when(message("wamid.4", new MessageContent.ButtonReply("event:register", "Yes, register me"),
                            T0.plusSeconds(5)))
                    .expectResultMessagePayload(List.of(new ConversationEffect.RegisterForEvent("ev-free")));
        }

        @Test
        void anythingElseWhileRegisteringAsksAgainAndNoDeclines() {
            Map<String, String> registering = Map.of("eventId", "ev-free", "eventName", "Open Day");
            Published again = publishedBy(fixture.given(started(),
                            inState(ConversationState.CONFIRMING_REGISTRATION, registering))
                    .when(says("wamid.4", "what time?", T0.plusSeconds(5))));
            assertThat(((OutboundReply.Buttons) again.onlyReply()).body()).startsWith("*Open Day* is free to attend");
            Published declined = publishedBy(fixture.given(started(),
                            inState(ConversationState.CONFIRMING_REGISTRATION, registering))
                    .when(says("wamid.4", "no", T0.plusSeconds(5))));
            assertThat(declined.of(StateChanged.class).get(0).toState()).isEqualTo("idle");
            assertThat(declined.onlyReply().fallbackText()).startsWith("Okay, you're not registered");
        }

        @Test
        void theRegistrationIsConfirmedWithWhenAndWhere() {
            Map<String, String> registering = Map.of("eventId", "ev-free", "eventName", "Open Day");
            Published events = publishedBy(fixture.given(started(),
                            inState(ConversationState.CONFIRMING_REGISTRATION, registering))
                    .when(new RecordEventRegistration(ID, "ev-free", RegisterForEventOutcome.registered("Open Day",
                            "Campus", Instant.parse("2027-04-01T09:00:00Z")))));
            assertThat(events.of(StateChanged.class).get(0).toState()).isEqualTo("idle");
            assertThat(events.onlyReply().fallbackText())
                    .isEqualTo("You're registered for *Open Day* on 1 Apr 2027 at Campus. See you there!");
        }

        @Test
        void aRefusedRegistrationIsExplainedAndAnotherEventsAnswerIsIgnored() {
            Map<String, String> registering = Map.of("eventId", "ev-free", "eventName", "Open Day");
            assertThat(publishedBy(fixture.given(started(),
                            inState(ConversationState.CONFIRMING_REGISTRATION, registering))
                    .when(new RecordEventRegistration(ID, "ev-free", RegisterForEventOutcome.refused(
                            "this event sells paid tickets; participants register by buying one"))))
                    .onlyReply().fallbackText()).startsWith("Sorry, I couldn't register you: this event sells paid");
            fixture.given(started(), inState(ConversationState.CONFIRMING_REGISTRATION, registering))
                    .when(new RecordEventRegistration(ID, "ev-other", RegisterForEventOutcome.registered("Other", null,
                            null)))
                    .expectNoEvents();
        }

        @Test
        void theCancelButtonAsksToCancelTheReservationWhateverTheContactIsDoing() {
            fixture.given(started())
                    .when(message("wamid.7", new MessageContent.ButtonReply("reservation:cancel:res-1",
                            "Cancel reservation"), T0.plusSeconds(5)))
                    .expectResultMessagePayload(List.of(new ConversationEffect.CancelReservation("res-1")));
            fixture.given(started(), inState(ConversationState.SURVEY_IN_PROGRESS, SURVEY_DATA))
                    .when(message("wamid.7", new MessageContent.ButtonReply("reservation:cancel:res-1",
                            "Cancel reservation"), T0.plusSeconds(5)))
                    .expectResultMessagePayload(List.of(new ConversationEffect.CancelReservation("res-1")));
        }

        @Test
        void theCancellationIsAnsweredWithoutLeavingTheCurrentFlow() {
            Published cancelled = publishedBy(fixture.given(started(),
                            inState(ConversationState.SURVEY_IN_PROGRESS, SURVEY_DATA))
                    .when(new RecordReservationCancellation(ID, "res-1", new ReservationCancellation(
                            ReservationCancellation.Result.CANCELLED, "TechExpo", "VIP", 2))));
            assertThat(cancelled.of(StateChanged.class)).allMatch(changed -> changed.toState().equals("survey_in_progress"));
            assertThat(cancelled.onlyReply().fallbackText()).startsWith(
                    "Done: your reservation of 2 × VIP for *TechExpo* is cancelled and the tickets were released.");
            assertThat(publishedBy(fixture.given(started())
                    .when(new RecordReservationCancellation(ID, "res-1", new ReservationCancellation(
                            ReservationCancellation.Result.ALREADY_PAID, "TechExpo", "VIP", 2))))
                    .onlyReply().fallbackText()).contains("is already paid").contains("contact the organizer");
            assertThat(publishedBy(fixture.given(started())
                    .when(new RecordReservationCancellation(ID, "res-9", new ReservationCancellation(
                            ReservationCancellation.Result.UNKNOWN, null, null, 0))))
                    .onlyReply().fallbackText()).isEqualTo("I couldn't find that reservation.");
        }

        @Test
        void decliningBooksNothing() {
            Published events = publishedBy(fixture.given(started(),
                            inState(ConversationState.CONFIRMING_PURCHASE, confirming))
                    .when(says("wamid.6", "no", T0.plusSeconds(5))));
            assertThat(events.of(StateChanged.class).get(0).toState()).isEqualTo("idle");
            assertThat(events.onlyReply().fallbackText()).startsWith("Okay, nothing was booked");
        }
    }

    @Nested
    class Inactivity {
        @Test
        void theDeadlineExpiresASilentConversation() {
            Published events = publishedBy(fixture.givenCurrentTime(T0)
                    .andGivenCommands(says("wamid.1", "hi", T0))
                    .whenThenTimeElapses(TIMEOUT.plusMinutes(1))
                    .expectTriggeredDeadlinesWithName(Conversation.INACTIVITY_DEADLINE));
            assertThat(events.types()).containsExactly(ConversationExpired.class);
            assertThat(events.of(ConversationExpired.class).get(0).lastActivityAt()).isEqualTo(T0);
        }

        @Test
        void aNewerMessageMovesTheDeadline() {
            fixture.givenCurrentTime(T0)
                    .andGivenCommands(says("wamid.1", "hi", T0), says("wamid.2", "tickets", T0.plus(Duration.ofHours(20))))
                    .whenThenTimeElapses(TIMEOUT.plusMinutes(1))
                    .expectNoEvents();
        }

        @Test
        void aMessageAfterTheTimeoutStartsANewSessionAndAbandonsTheOldSurvey() {
            ResultValidator<Conversation> result = fixture.given(started(), received("wamid.1", "feedback", T0),
                            inState(ConversationState.SURVEY_IN_PROGRESS, SURVEY_DATA))
                    .when(says("wamid.9", "hi", T0.plus(TIMEOUT).plusSeconds(1)));
            Published events = publishedBy(result);
            assertThat(events.types()).containsExactly(ConversationExpired.class, ConversationStarted.class,
                    MessageReceived.class, ReplyQueued.class);
            assertThat(events.of(ConversationExpired.class).get(0).stateAtExpiry()).isEqualTo("survey_in_progress");
            assertThat(events.of(ConversationStarted.class).get(0).sessionId()).isNotEqualTo(SESSION);
            result.expectResultMessagePayload(List.of(new ConversationEffect.AbandonSurvey("resp-1", "inactivity")));
        }
    }

    @Nested
    class Replies {
        @Test
        void queuedRepliesCanBeSentHeldOrFailedOnce() {
            fixture.given(started(), new ReplyQueued(ID, SESSION, ORG, TestContacts.id(CONTACT.e164()), CONTACT.e164(), "r-1", "general", "reply",
                            new OutboundReply.Text("hello"), "wamid.1"))
                    .when(new MarkReplySent(ID, "r-1", "wamid.out.1", 1))
                    .expectEvents(new ReplySent(ID, SESSION, ORG, TestContacts.id(CONTACT.e164()), "r-1", "wamid.out.1", 1));
        }

        @Test
        void aHeldReplyCanStillBeSentLater() {
            fixture.given(started(), new ReplyQueued(ID, SESSION, ORG, TestContacts.id(CONTACT.e164()), CONTACT.e164(), "r-1", "general", "reply",
                            new OutboundReply.Text("hello"), "wamid.1"),
                            new ReplyHeld(ID, SESSION, ORG, TestContacts.id(CONTACT.e164()), "r-1", "insufficient tokens"))
                    .when(new MarkReplySent(ID, "r-1", "wamid.out.1", 1))
                    .expectEvents(new ReplySent(ID, SESSION, ORG, TestContacts.id(CONTACT.e164()), "r-1", "wamid.out.1", 1));
        }

        @Test
        void aSettledReplyIgnoresRedeliveredOutcomes() {
            fixture.given(started(), new ReplyQueued(ID, SESSION, ORG, TestContacts.id(CONTACT.e164()), CONTACT.e164(), "r-1", "general", "reply",
                            new OutboundReply.Text("hello"), "wamid.1"),
                            new ReplySent(ID, SESSION, ORG, TestContacts.id(CONTACT.e164()), "r-1", "wamid.out.1", 1))
                    .when(new MarkReplyFailed(ID, "r-1", 131047, "Re-engagement message"))
                    .expectNoEvents();
        }

        @Test
        void holdingRecordsTheReason() {
            fixture.given(started(), new ReplyQueued(ID, SESSION, ORG, TestContacts.id(CONTACT.e164()), CONTACT.e164(), "r-1", "general", "reply",
                            new OutboundReply.Text("hello"), "wamid.1"))
                    .when(new HoldReply(ID, "r-1", "insufficient tokens"))
                    .expectEvents(new ReplyHeld(ID, SESSION, ORG, TestContacts.id(CONTACT.e164()), "r-1", "insufficient tokens"));
        }

        @Test
        void refusesAnOutcomeWithoutAReplyId() {
            fixture.given(started())
                    .when(new MarkReplySent(ID, " ", "wamid.out.1", 1))
                    .expectException(DomainRuleViolation.class)
                    .expectExceptionMessage("reply id is required");
        }

        @Test
        void notificationsAreQueuedEvenAfterTheSessionEnded() {
            Published events = publishedBy(fixture.given(started(),
                            new ConversationExpired(ID, SESSION, ORG, TestContacts.id(CONTACT.e164()), T0, "idle"))
                    .when(new SendNotification(ID, "events", "ticket_issued", new OutboundReply.Text("Your tickets"), null)));
            ReplyQueued queued = events.of(ReplyQueued.class).get(0);
            assertThat(queued.sessionId()).isEqualTo(SESSION);
            assertThat(queued.action()).isEqualTo("ticket_issued");
        }
    }

    @Nested
    class DeliveryStatuses {
        private final ReplyQueued queued = new ReplyQueued(ID, SESSION, ORG, TestContacts.id(CONTACT.e164()), CONTACT.e164(), "r-1", "general", "reply",
                new OutboundReply.Text("hello"), "wamid.1");
        private final ReplySent sent = new ReplySent(ID, SESSION, ORG, TestContacts.id(CONTACT.e164()), "r-1", "wamid.out.1", 1);
        private final Instant at = T0.plusSeconds(30);

        @Test
        void statusesMoveForward() {
            fixture.given(started(), queued, sent)
                    .when(new RecordDeliveryStatus(ID, "r-1", "wamid.out.1", DeliveryStatus.DELIVERED, at, null, null))
                    .expectEvents(new ReplyDeliveryUpdated(ID, SESSION, ORG, TestContacts.id(CONTACT.e164()), "r-1", "wamid.out.1",
                            DeliveryStatus.DELIVERED, at, null, null))
                    .expectResultMessagePayload(true);
        }

        @Test
        void aLateDeliveredNeverOverwritesRead() {
            fixture.given(started(), queued, sent, new ReplyDeliveryUpdated(ID, SESSION, ORG, TestContacts.id(CONTACT.e164()), "r-1",
                            "wamid.out.1", DeliveryStatus.READ, at, null, null))
                    .when(new RecordDeliveryStatus(ID, "r-1", "wamid.out.1", DeliveryStatus.DELIVERED, at, null, null))
                    .expectNoEvents()
                    .expectResultMessagePayload(false);
        }

        @Test
        void failedKeepsItsErrorCodeAndTitle() {
            fixture.given(started(), queued, sent)
                    .when(new RecordDeliveryStatus(ID, "r-1", "wamid.out.1", DeliveryStatus.FAILED, at, 131047,
                            "Re-engagement message"))
                    .expectEvents(new ReplyDeliveryUpdated(ID, SESSION, ORG, TestContacts.id(CONTACT.e164()), "r-1", "wamid.out.1",
                            DeliveryStatus.FAILED, at, 131047, "Re-engagement message"));
        }

        @Test
        void theSameStatusTwiceIsRecordedOnce() {
            fixture.given(started(), queued, sent)
                    .when(new RecordDeliveryStatus(ID, "r-1", "wamid.out.1", DeliveryStatus.SENT, at, null, null))
                    .expectNoEvents();
        }

        @Test
        void refusesAStatusWithoutAReply() {
            fixture.given(started())
                    .when(new RecordDeliveryStatus(ID, null, "wamid.out.1", DeliveryStatus.READ, at, null, null))
                    .expectException(DomainRuleViolation.class)
                    .expectExceptionMessage("reply id and status are required");
        }
    }

    @Nested
    class Closing {
        @Test
        void closesTheOpenSession() {
            fixture.given(started())
                    .when(new CloseConversation(ID, "agent"))
                    .expectEvents(new ConversationClosed(ID, SESSION, ORG, TestContacts.id(CONTACT.e164()), "agent"));
        }

        @Test
        void refusesToCloseWhenNothingIsOpen() {
            fixture.given(started(), new ConversationClosed(ID, SESSION, ORG, TestContacts.id(CONTACT.e164()), "agent"))
                    .when(new CloseConversation(ID, "agent"))
                    .expectException(DomainRuleViolation.class)
                    .expectExceptionMessage("there is no open conversation to close");
        }
    }

    @Nested
    class Erasure {
        private final String contact = TestContacts.id(CONTACT);
        private final Instant at = T0.plusSeconds(60);

        private ContactErased erased(String session) {
            return new ContactErased(ID, session, ORG, contact, "contact request", at);
        }

        @Test
        void recordsTheErasureOfTheConversationsContact() {
            fixture.given(started())
                    .when(new EraseContact(ID, contact, "contact request", at))
                    .expectEvents(erased(SESSION))
                    .expectState(conversation -> {
                        assertThat(conversation.erased()).isTrue();
                        assertThat(conversation.sessionId()).isNull();
                    });
        }

        @Test
        void aSurveyUnderWayIsAbandoned() {
            fixture.given(started(), inState(ConversationState.SURVEY_IN_PROGRESS, SURVEY_DATA))
                    .when(new EraseContact(ID, contact, "contact request", at))
                    .expectEvents(erased(SESSION))
                    .expectResultMessagePayload(List.of(new ConversationEffect.AbandonSurvey("resp-1", "erased")));
        }

        @Test
        void refusesAnotherContactsId() {
            fixture.given(started())
                    .when(new EraseContact(ID, TestContacts.id("+254700999999"), "contact request", at))
                    .expectException(DomainRuleViolation.class)
                    .expectExceptionMessage("conversation " + ID + " is not the conversation of contact "
                            + TestContacts.id("+254700999999"))
                    .expectNoEvents();
        }

        @Test
        void erasingTwiceChangesNothing() {
            fixture.given(started(), erased(SESSION))
                    .when(new EraseContact(ID, contact, "again", at.plusSeconds(1)))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }

        @Test
        void aMessageRacingTheErasureIsSentBackToTheDirectory() {
            fixture.given(started(), erased(SESSION))
                    .when(says("wamid.late", "hello", at.plusSeconds(1)))
                    .expectException(ContactWasErased.class)
                    .expectNoEvents();
        }

        @Test
        void nothingMoreIsSaidToAnErasedContact() {
            fixture.given(started(), erased(SESSION))
                    .when(new SendNotification(ID, "events", "ticket_issued", new OutboundReply.Text("your tickets"), null))
                    .expectException(DomainRuleViolation.class)
                    .expectExceptionMessage("the contact of " + ID + " was erased")
                    .expectNoEvents();
        }

        @Test
        void lateDeliveryStatusesOfAnErasedContactAreIgnored() {
            fixture.given(started(), new ReplyQueued(ID, SESSION, ORG, contact, CONTACT.e164(), "r-1", "general",
                            "reply", new OutboundReply.Text("hello"), "wamid.1"),
                            new ReplySent(ID, SESSION, ORG, contact, "r-1", "wamid.out.1", 1), erased(SESSION))
                    .when(new RecordDeliveryStatus(ID, "r-1", "wamid.out.1", DeliveryStatus.READ, at, null, null))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }
    }

    private static Map<String, String> withEntry(Map<String, String> data, String key, String value) {
        Map<String, String> copy = new java.util.LinkedHashMap<>(data);
        copy.put(key, value);
        return copy;
    }
}
