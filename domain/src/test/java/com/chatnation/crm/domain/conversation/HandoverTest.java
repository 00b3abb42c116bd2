package com.chatnation.crm.domain.conversation;

import com.chatnation.crm.domain.TestContacts;
import com.chatnation.crm.domain.common.DomainRuleViolation;
import com.chatnation.crm.domain.common.PhoneNumber;
import com.chatnation.crm.domain.messaging.MessageContent;
import com.chatnation.crm.domain.messaging.MessageContext;
import com.chatnation.crm.domain.messaging.OutboundReply;
import com.chatnation.crm.domain.organization.BusinessHours;
import com.chatnation.crm.domain.organization.HandoverSettings;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.hamcrest.BaseMatcher;
import org.hamcrest.Description;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static com.chatnation.crm.domain.conversation.FakeCatalogs.ORG;
import static org.assertj.core.api.Assertions.assertThat;

/** Handing a conversation to the organization's team, what the bot does meanwhile, and what agents do with it. */
class HandoverTest {

    private static final PhoneNumber CONTACT = PhoneNumber.of("+254712345678");
    private static final String CONTACT_ID = TestContacts.id(CONTACT);
    private static final String ID = ConversationId.of(ORG, CONTACT_ID);
    private static final String SESSION = "session-1";
    private static final Duration TIMEOUT = Duration.ofHours(24);
    /** A Saturday, 13:00 in Nairobi. */
    private static final Instant T0 = Instant.parse("2026-11-21T10:00:00Z");
    private static final Instant SOON = T0.plusSeconds(60);
    private static final String AGENT = "agent-1";
    private static final String OTHER_AGENT = "agent-2";
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

    // ---- events and commands ------------------------------------------------------------------------------------

    private static ReceiveMessage says(String messageId, String text, Instant at) {
        return message(messageId, new MessageContent.Text(text), at);
    }

    private static ReceiveMessage message(String messageId, MessageContent content, Instant at) {
        return new ReceiveMessage(ID, ORG, CONTACT_ID, CONTACT, "Jane", messageId, at, content, MessageContext.NONE,
                TIMEOUT);
    }

    private static ConversationStarted started() {
        return new ConversationStarted(ID, SESSION, ORG, CONTACT_ID, CONTACT.e164(), "Jane", T0, TIMEOUT);
    }

    private static MessageReceived received(String messageId, Instant at) {
        return new MessageReceived(ID, SESSION, ORG, CONTACT_ID, CONTACT.e164(), messageId, at,
                new MessageContent.Text("hello"), MessageContext.NONE, "Jane");
    }

    private static StateChanged moved(ConversationState from, ConversationState to, Map<String, String> data) {
        return new StateChanged(ID, SESSION, ORG, CONTACT_ID, from.stateName(), to.stateName(), to.step(), to.module(),
                data);
    }

    private static ConversationHandedOver handedOver(String reason, String agent, Instant at) {
        return new ConversationHandedOver(ID, SESSION, ORG, CONTACT_ID, reason, agent, at);
    }

    private static StateChanged toHandedOver(String reason) {
        return moved(ConversationState.IDLE, ConversationState.HANDED_OVER, Map.of(HandoverFlow.REASON, reason));
    }

    private static ConversationAssigned assigned(String agent, String by, Instant at) {
        return new ConversationAssigned(ID, SESSION, ORG, CONTACT_ID, agent, by, at);
    }

    /** A conversation the contact asked to hand over at T0, nobody assigned yet. */
    private static Object[] waitingForAPerson() {
        return new Object[] {started(), received("wamid.1", T0),
                handedOver(ConversationHandedOver.CONTACT_ASKED, null, T0),
                toHandedOver(ConversationHandedOver.CONTACT_ASKED)};
    }

    /** Taken over by {@link #AGENT} at T0. */
    private static Object[] heldBy(String agent) {
        return new Object[] {started(), received("wamid.1", T0),
                handedOver(ConversationHandedOver.AGENT_TOOK_OVER, agent, T0),
                toHandedOver(ConversationHandedOver.AGENT_TOOK_OVER), assigned(agent, agent, T0)};
    }

    private static Object[] plus(Object[] given, Object... more) {
        List<Object> all = new ArrayList<>(List.of(given));
        all.addAll(List.of(more));
        return all.toArray();
    }

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

        <T> List<T> of(Class<T> type) {
            return payloads.stream().filter(type::isInstance).map(type::cast).toList();
        }

        List<Class<?>> types() {
            return payloads.stream().<Class<?>>map(Object::getClass).toList();
        }

        List<String> replyTexts() {
            return of(ReplyQueued.class).stream().map(reply -> reply.message().fallbackText()).toList();
        }
    }

    /** The command is refused with this code and records nothing. */
    private void refused(Object[] given, Object command, String code) {
        fixture.given(given).when(command)
                .expectException(new BaseMatcher<Throwable>() {
                    @Override
                    public boolean matches(Object actual) {
                        return actual instanceof DomainRuleViolation violation && code.equals(violation.code());
                    }

                    @Override
                    public void describeTo(Description description) {
                        description.appendText("a DomainRuleViolation with code " + code);
                    }
                })
                .expectNoEvents();
    }

    // ---- the contact asks ---------------------------------------------------------------------------------------

    @Nested
    class TheContactAsks {
        @Test
        void aHandoverWordHandsTheConversationOverAndIsConfirmed() {
            Published events = new Published();
            fixture.given(started(), received("wamid.1", T0))
                    .when(says("wamid.2", "Agent", SOON))
                    .expectEventsMatching(events)
                    .expectState(conversation -> assertThat(conversation.state())
                            .isEqualTo(ConversationState.HANDED_OVER));
            assertThat(events.types()).containsExactly(MessageReceived.class, ConversationHandedOver.class,
                    StateChanged.class, ReplyQueued.class);
            assertThat(events.of(ConversationHandedOver.class)).containsExactly(
                    handedOver(ConversationHandedOver.CONTACT_ASKED, null, SOON));
            assertThat(events.of(StateChanged.class)).containsExactly(
                    toHandedOver(ConversationHandedOver.CONTACT_ASKED));
            ReplyQueued confirmation = events.of(ReplyQueued.class).get(0);
            assertThat(confirmation.reply().fallbackText()).isEqualTo(HandoverFlow.CONFIRMATION);
            assertThat(confirmation.module()).as("billed to the flow that handled the message").isEqualTo("general");
            assertThat(confirmation.action()).isEqualTo("reply");
        }

        @Test
        void theWordsAreReadLikeTheConsentWords() {
            for (String said : List.of("  talk to a   person! ", "HUMAN", "mtu.")) {
                Published events = new Published();
                fixture.given(started(), received("wamid.1", T0))
                        .when(says("wamid.2", said, SOON)).expectEventsMatching(events);
                assertThat(events.of(ConversationHandedOver.class)).as(said).hasSize(1);
            }
            Published sentence = new Published();
            fixture.given(started(), received("wamid.1", T0))
                    .when(says("wamid.2", "is an agent there", SOON)).expectEventsMatching(sentence);
            assertThat(sentence.types()).doesNotContain(ConversationHandedOver.class);
        }

        @Test
        void aTappedButtonTitledLikeAWordIsNotAsking() {
            Published events = new Published();
            fixture.given(started(), received("wamid.1", T0))
                    .when(message("wamid.2", new MessageContent.ButtonReply("agent", "Agent"), SOON))
                    .expectEventsMatching(events);
            assertThat(events.types()).doesNotContain(ConversationHandedOver.class);
        }

        @Test
        void askingMidSurveyLeavesTheSurvey() {
            Published events = new Published();
            fixture.given(started(), received("wamid.1", T0),
                            moved(ConversationState.IDLE, ConversationState.SURVEY_IN_PROGRESS, SURVEY_DATA))
                    .when(says("wamid.2", "human", SOON))
                    .expectResultMessagePayload(List.of(new ConversationEffect.AbandonSurvey("resp-1", "handed_over")))
                    .expectEventsMatching(events);
            assertThat(events.of(StateChanged.class)).singleElement().satisfies(change -> {
                assertThat(change.fromState()).isEqualTo("survey_in_progress");
                assertThat(change.toState()).isEqualTo("handed_over");
            });
            // the confirmation is billed to the module that handled the message, as the bot's replies are
            assertThat(events.of(ReplyQueued.class)).singleElement()
                    .satisfies(reply -> assertThat(reply.module()).isEqualTo("surveys"));
        }

        @Test
        void theOrganizationsOwnWordsApply() {
            catalogs.handover = new HandoverSettings(List.of("operator"), null, 3);
            Published operator = new Published();
            fixture.given(started(), received("wamid.1", T0))
                    .when(says("wamid.2", "Operator", SOON)).expectEventsMatching(operator);
            assertThat(operator.of(ConversationHandedOver.class)).hasSize(1);

            Published agent = new Published();
            fixture.given(started(), received("wamid.1", T0))
                    .when(says("wamid.2", "agent", SOON)).expectEventsMatching(agent);
            assertThat(agent.types()).doesNotContain(ConversationHandedOver.class);
            assertThat(agent.replyTexts()).singleElement().asString().startsWith("Sorry, I didn't understand");
        }

        @Test
        void withoutWordsContactsCannotAsk() {
            catalogs.handover = new HandoverSettings(List.of(), null, 3);
            Published events = new Published();
            fixture.given(started(), received("wamid.1", T0))
                    .when(says("wamid.2", "agent", SOON)).expectEventsMatching(events);
            assertThat(events.types()).doesNotContain(ConversationHandedOver.class);
        }

        @Test
        void outsideBusinessHoursTheOutOfHoursAnswerGoesAndTheHandoverStillHappens() {
            catalogs.handover = new HandoverSettings(HandoverSettings.DEFAULT_WORDS, new BusinessHours(
                    "Africa/Nairobi", List.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY,
                    DayOfWeek.THURSDAY, DayOfWeek.FRIDAY), "08:00", "17:00",
                    "We are closed now and will answer on Monday from 8am."), 3);
            Published saturday = new Published();
            fixture.given(started(), received("wamid.1", T0))
                    .when(says("wamid.2", "agent", SOON)).expectEventsMatching(saturday);
            assertThat(saturday.of(ConversationHandedOver.class)).hasSize(1);
            assertThat(saturday.replyTexts()).containsExactly("We are closed now and will answer on Monday from 8am.");

            Instant mondayMorning = Instant.parse("2026-11-23T06:30:00Z"); // 09:30 in Nairobi
            Published monday = new Published();
            fixture.given(started(), received("wamid.1", mondayMorning.minusSeconds(60)))
                    .when(says("wamid.2", "agent", mondayMorning)).expectEventsMatching(monday);
            assertThat(monday.replyTexts()).containsExactly(HandoverFlow.CONFIRMATION);
        }
    }

    // ---- the bot cannot help ------------------------------------------------------------------------------------

    @Nested
    class TheBotCannotHelp {
        private final Map<String, String> twoMisses = Map.of(IdleFlow.NOT_UNDERSTOOD, "2");

        @Test
        void messagesNotUnderstoodAreCountedInTheStateData() {
            Published events = new Published();
            fixture.given(started(), received("wamid.1", T0))
                    .when(says("wamid.2", "what is this", SOON)).expectEventsMatching(events);
            assertThat(events.of(StateChanged.class)).containsExactly(moved(ConversationState.IDLE,
                    ConversationState.IDLE, Map.of(IdleFlow.NOT_UNDERSTOOD, "1")));
            assertThat(events.replyTexts()).singleElement().asString().startsWith("Sorry, I didn't understand");
        }

        @Test
        void theThirdInARowHandsTheConversationOver() {
            Published events = new Published();
            fixture.given(started(), received("wamid.1", T0),
                            moved(ConversationState.IDLE, ConversationState.IDLE, twoMisses))
                    .when(says("wamid.2", "blah blah", SOON)).expectEventsMatching(events);
            assertThat(events.of(ConversationHandedOver.class)).containsExactly(
                    handedOver(ConversationHandedOver.BOT_COULD_NOT_HELP, null, SOON));
            assertThat(events.of(StateChanged.class)).singleElement()
                    .satisfies(change -> assertThat(change.toState()).isEqualTo("handed_over"));
            assertThat(events.replyTexts()).containsExactly(HandoverFlow.BOT_GAVE_UP);
        }

        @Test
        void messagesOfAKindTheBotCannotReadCountToo() {
            Published events = new Published();
            fixture.given(started(), received("wamid.1", T0),
                            moved(ConversationState.IDLE, ConversationState.IDLE, twoMisses))
                    .when(message("wamid.2", new MessageContent.Unsupported("unknown", 131051, "Unsupported"), SOON))
                    .expectEventsMatching(events);
            assertThat(events.of(ConversationHandedOver.class)).hasSize(1);
        }

        @Test
        void anUnderstoodMessageStartsTheCountAgain() {
            Published events = new Published();
            fixture.given(started(), received("wamid.1", T0),
                            moved(ConversationState.IDLE, ConversationState.IDLE, twoMisses))
                    .when(says("wamid.2", "menu", SOON)).expectEventsMatching(events);
            assertThat(events.of(StateChanged.class)).containsExactly(moved(ConversationState.IDLE,
                    ConversationState.IDLE, Map.of()));
            assertThat(events.types()).doesNotContain(ConversationHandedOver.class);
        }

        @Test
        void reactionsNeitherCountNorReset() {
            fixture.given(started(), received("wamid.1", T0),
                            moved(ConversationState.IDLE, ConversationState.IDLE, twoMisses))
                    .when(message("wamid.2", new MessageContent.Reaction("wamid.1", "👍"), SOON))
                    .expectEventsMatching(new Published())
                    .expectState(conversation -> assertThat(conversation.stateData()).isEqualTo(twoMisses));
        }

        @Test
        void aLimitOfZeroNeverHandsOver() {
            catalogs.handover = new HandoverSettings(HandoverSettings.DEFAULT_WORDS, null, 0);
            Published events = new Published();
            fixture.given(started(), received("wamid.1", T0),
                            moved(ConversationState.IDLE, ConversationState.IDLE, Map.of(IdleFlow.NOT_UNDERSTOOD, "9")))
                    .when(says("wamid.2", "blah", SOON)).expectEventsMatching(events);
            assertThat(events.types()).doesNotContain(ConversationHandedOver.class);
            assertThat(events.of(StateChanged.class)).singleElement()
                    .satisfies(change -> assertThat(change.stateData()).containsEntry(IdleFlow.NOT_UNDERSTOOD, "10"));
        }
    }

    // ---- while a person holds it --------------------------------------------------------------------------------

    @Nested
    class WhileAPersonHoldsIt {
        @Test
        void theContactsMessagesAreRecordedAndNotAnswered() {
            for (String said : List.of("hello?", "menu", "cancel", "agent", "feedback", "tickets")) {
                fixture.given(waitingForAPerson())
                        .when(says("wamid.2", said, SOON))
                        .expectEvents(new MessageReceived(ID, SESSION, ORG, CONTACT_ID, CONTACT.e164(), "wamid.2", SOON,
                                new MessageContent.Text(said), MessageContext.NONE, "Jane"))
                        .expectResultMessagePayload(List.of());
            }
        }

        @Test
        void stopStillOptsOutAndIsConfirmedAndTheHandoverSurvives() {
            Published events = new Published();
            fixture.given(waitingForAPerson())
                    .when(says("wamid.2", "STOP", SOON))
                    .expectEventsMatching(events)
                    .expectState(conversation -> {
                        assertThat(conversation.state()).isEqualTo(ConversationState.HANDED_OVER);
                        assertThat(conversation.marketingOptIn()).isFalse();
                    });
            assertThat(events.types()).containsExactly(MessageReceived.class, ContactOptedOut.class,
                    ReplyQueued.class);
            assertThat(events.replyTexts()).containsExactly(GlobalWords.OPTED_OUT);
            assertThat(events.of(ReplyQueued.class).get(0).module()).as("the inbox holds the contact")
                    .isEqualTo("inbox");

            // and the next message is the person's again
            fixture.given(plus(waitingForAPerson(), new ContactOptedOut(ID, SESSION, ORG, CONTACT_ID,
                            ConsentSource.KEYWORD, SOON)))
                    .when(says("wamid.3", "are you there?", SOON.plusSeconds(5)))
                    .expectEvents(new MessageReceived(ID, SESSION, ORG, CONTACT_ID, CONTACT.e164(), "wamid.3",
                            SOON.plusSeconds(5), new MessageContent.Text("are you there?"), MessageContext.NONE, "Jane"));
        }

        @Test
        void startStillOptsInIsConfirmedWithoutTheBotsMenu() {
            Published events = new Published();
            fixture.given(plus(waitingForAPerson(), new ContactOptedOut(ID, SESSION, ORG, CONTACT_ID,
                            ConsentSource.KEYWORD, T0)))
                    .when(says("wamid.2", "start", SOON))
                    .expectEventsMatching(events)
                    .expectState(conversation -> assertThat(conversation.state())
                            .isEqualTo(ConversationState.HANDED_OVER));
            assertThat(events.types()).containsExactly(MessageReceived.class, ContactOptedIn.class, ReplyQueued.class);
            assertThat(events.replyTexts()).containsExactly(GlobalWords.OPTED_IN);
        }

        @Test
        void aNewSessionAfterExpiryStartsWithTheBot() {
            Instant tomorrow = T0.plus(TIMEOUT).plusSeconds(1);
            Published events = new Published();
            fixture.given(waitingForAPerson())
                    .when(says("wamid.2", "hi", tomorrow))
                    .expectEventsMatching(events)
                    .expectState(conversation -> assertThat(conversation.state()).isEqualTo(ConversationState.IDLE));
            assertThat(events.types()).startsWith(HandedBackToBot.class, ConversationExpired.class,
                    ConversationStarted.class, MessageReceived.class);
            assertThat(events.of(HandedBackToBot.class)).containsExactly(new HandedBackToBot(ID, SESSION, ORG,
                    CONTACT_ID, null, HandedBackToBot.EXPIRED, T0, T0.plus(TIMEOUT)));
            assertThat(events.of(ReplyQueued.class)).singleElement()
                    .satisfies(reply -> assertThat(reply.reply()).isInstanceOf(OutboundReply.ChoiceList.class));
        }

        @Test
        void aNewSessionAfterCloseStartsWithTheBot() {
            Published events = new Published();
            fixture.given(plus(heldBy(AGENT), new HandedBackToBot(ID, SESSION, ORG, CONTACT_ID, AGENT,
                            HandedBackToBot.CLOSED, T0, SOON), new ConversationClosed(ID, SESSION, ORG, CONTACT_ID, "agent")))
                    .when(says("wamid.2", "hi", SOON.plusSeconds(60)))
                    .expectEventsMatching(events);
            assertThat(events.types()).startsWith(ConversationStarted.class, MessageReceived.class);
            assertThat(events.of(ReplyQueued.class)).singleElement()
                    .satisfies(reply -> assertThat(reply.reply()).isInstanceOf(OutboundReply.ChoiceList.class));
        }
    }

    // ---- agents -------------------------------------------------------------------------------------------------

    @Nested
    class TakingOver {
        @Test
        void anAgentTakesTheConversationFromTheBot() {
            fixture.given(started(), received("wamid.1", T0))
                    .when(new TakeOverConversation(ID, SESSION, AGENT, SOON))
                    .expectEvents(handedOver(ConversationHandedOver.AGENT_TOOK_OVER, AGENT, SOON),
                            toHandedOver(ConversationHandedOver.AGENT_TOOK_OVER), assigned(AGENT, AGENT, SOON))
                    .expectResultMessagePayload(List.of())
                    .expectState(conversation -> {
                        assertThat(conversation.state()).isEqualTo(ConversationState.HANDED_OVER);
                        assertThat(conversation.assignedAgentId()).isEqualTo(AGENT);
                    });
        }

        @Test
        void aSurveyUnderWayIsAbandoned() {
            fixture.given(started(), received("wamid.1", T0),
                            moved(ConversationState.IDLE, ConversationState.SURVEY_IN_PROGRESS, SURVEY_DATA))
                    .when(new TakeOverConversation(ID, SESSION, AGENT, SOON))
                    .expectResultMessagePayload(List.of(new ConversationEffect.AbandonSurvey("resp-1", "handed_over")));
        }

        @Test
        void takingOverAConversationWaitingForAPersonAssignsIt() {
            fixture.given(waitingForAPerson())
                    .when(new TakeOverConversation(ID, SESSION, AGENT, SOON))
                    .expectEvents(assigned(AGENT, AGENT, SOON));
            fixture.given(heldBy(OTHER_AGENT))
                    .when(new TakeOverConversation(ID, SESSION, AGENT, SOON))
                    .expectEvents(assigned(AGENT, AGENT, SOON));
        }

        @Test
        void takingOverTwiceChangesNothing() {
            fixture.given(heldBy(AGENT))
                    .when(new TakeOverConversation(ID, SESSION, AGENT, SOON))
                    .expectNoEvents();
        }

        @Test
        void refusals() {
            refused(new Object[] {started()}, new TakeOverConversation(ID, SESSION, " ", SOON), "invalid_agent");
            refused(new Object[] {started()}, new TakeOverConversation(ID, SESSION, AGENT, null), "invalid_time");
            refused(new Object[] {started(), new ConversationClosed(ID, SESSION, ORG, CONTACT_ID, "done")},
                    new TakeOverConversation(ID, SESSION, AGENT, SOON), "no_active_conversation");
            refused(new Object[] {started()}, new TakeOverConversation(ID, "an-older-session", AGENT, SOON),
                    "no_active_conversation");
            refused(new Object[] {started(), new ContactErased(ID, SESSION, ORG, CONTACT_ID, "request", T0)},
                    new TakeOverConversation(ID, SESSION, AGENT, SOON), "contact_erased");
        }
    }

    @Nested
    class Assigning {
        @Test
        void assignsAHandedOverConversationToAnotherAgent() {
            fixture.given(heldBy(AGENT))
                    .when(new AssignConversation(ID, SESSION, OTHER_AGENT, AGENT, SOON))
                    .expectEvents(assigned(OTHER_AGENT, AGENT, SOON))
                    .expectState(conversation -> assertThat(conversation.assignedAgentId()).isEqualTo(OTHER_AGENT));
        }

        @Test
        void assigningABotConversationHandsItOver() {
            fixture.given(started(), received("wamid.1", T0))
                    .when(new AssignConversation(ID, SESSION, OTHER_AGENT, AGENT, SOON))
                    .expectEvents(handedOver(ConversationHandedOver.AGENT_TOOK_OVER, AGENT, SOON),
                            toHandedOver(ConversationHandedOver.AGENT_TOOK_OVER), assigned(OTHER_AGENT, AGENT, SOON));
        }

        @Test
        void assigningTheAssignedAgentChangesNothing() {
            fixture.given(heldBy(AGENT))
                    .when(new AssignConversation(ID, SESSION, AGENT, OTHER_AGENT, SOON))
                    .expectNoEvents();
        }

        @Test
        void refusals() {
            refused(heldBy(AGENT), new AssignConversation(ID, SESSION, "", AGENT, SOON), "invalid_agent");
            refused(heldBy(AGENT), new AssignConversation(ID, SESSION, OTHER_AGENT, null, SOON), "invalid_agent");
            refused(plus(heldBy(AGENT), new ConversationClosed(ID, SESSION, ORG, CONTACT_ID, "done")),
                    new AssignConversation(ID, SESSION, OTHER_AGENT, AGENT, SOON), "no_active_conversation");
        }
    }

    @Nested
    class Replying {
        @Test
        void aReplyInsideTheWindowIsQueuedLikeTheBotsAndSaysWhoWroteIt() {
            Published events = new Published();
            fixture.given(heldBy(AGENT))
                    .when(new ReplyAsAgent(ID, AGENT, "Hi Jane, I'm looking into it.", null, SOON))
                    .expectEventsMatching(events);
            assertThat(events.types()).containsExactly(ReplyQueued.class, AgentReplied.class);
            ReplyQueued reply = events.of(ReplyQueued.class).get(0);
            assertThat(reply.module()).isEqualTo("inbox");
            assertThat(reply.action()).isEqualTo("agent_reply");
            assertThat(reply.reply()).as("the bot's unsealed member").isNull();
            assertThat(reply.staffReply()).isEqualTo(new OutboundReply.Text("Hi Jane, I'm looking into it."));
            assertThat(reply.contactPhone()).isEqualTo(CONTACT.e164());
            assertThat(reply.windowClosesAt()).isEqualTo(T0.plus(Duration.ofHours(24)));
            assertThat(reply.reengageTemplate()).isNull();
            assertThat(events.of(AgentReplied.class)).containsExactly(new AgentReplied(ID, SESSION, ORG, CONTACT_ID,
                    AGENT, reply.replyId(), null, T0, true, SOON));
        }

        @Test
        void onlyTheFirstReplySinceTheHandoverIsTheFirstResponse() {
            AgentReplied first = new AgentReplied(ID, SESSION, ORG, CONTACT_ID, AGENT, "r-1", null, T0, true, SOON);
            Published events = new Published();
            fixture.given(plus(heldBy(AGENT), new ReplyQueued(ID, SESSION, ORG, CONTACT_ID, CONTACT.e164(), "r-1",
                            "inbox", "agent_reply", null, null, T0.plus(TIMEOUT), null, new OutboundReply.Text("Hi")), first))
                    .when(new ReplyAsAgent(ID, OTHER_AGENT, "Anything else?", null, SOON.plusSeconds(60)))
                    .expectEventsMatching(events);
            assertThat(events.of(AgentReplied.class)).singleElement().satisfies(replied -> {
                assertThat(replied.firstResponse()).isFalse();
                assertThat(replied.agentId()).isEqualTo(OTHER_AGENT);
            });
        }

        @Test
        void replyingToAConversationTheBotHoldsTakesItOverFirst() {
            Published events = new Published();
            fixture.given(started(), received("wamid.1", T0))
                    .when(new ReplyAsAgent(ID, AGENT, "Hello from the team", null, SOON))
                    .expectEventsMatching(events)
                    .expectState(conversation -> assertThat(conversation.assignedAgentId()).isEqualTo(AGENT));
            assertThat(events.types()).containsExactly(ConversationHandedOver.class, StateChanged.class,
                    ConversationAssigned.class, ReplyQueued.class, AgentReplied.class);
            assertThat(events.of(AgentReplied.class).get(0).firstResponse()).isTrue();
            assertThat(events.of(AgentReplied.class).get(0).handedOverAt()).isEqualTo(SOON);
        }

        @Test
        void outsideTheWindowAFreeFormReplyIsRefused() {
            refused(heldBy(AGENT), new ReplyAsAgent(ID, AGENT, "Hello?", null, T0.plus(Duration.ofHours(25))),
                    "window_closed");
        }

        @Test
        void outsideTheWindowATemplateGoesInItsPlace() {
            Instant later = T0.plus(Duration.ofHours(23)).plusSeconds(3600);
            Published events = new Published();
            fixture.given(heldBy(AGENT))
                    .when(new ReplyAsAgent(ID, AGENT, "your order", "follow_up", later))
                    .expectEventsMatching(events);
            ReplyQueued reply = events.of(ReplyQueued.class).get(0);
            assertThat(reply.reengageTemplate()).isEqualTo("follow_up");
            assertThat(reply.staffReply().fallbackText()).isEqualTo("your order");
            assertThat(events.of(AgentReplied.class)).singleElement()
                    .satisfies(replied -> assertThat(replied.templateName()).isEqualTo("follow_up"));
        }

        @Test
        void aTemplateGoesToAContactWhoseSessionEndedWithoutTakingAnythingOver() {
            Instant nextWeek = T0.plus(Duration.ofDays(7));
            Published events = new Published();
            fixture.given(started(), received("wamid.1", T0), new ConversationExpired(ID, SESSION, ORG, CONTACT_ID,
                            T0, "idle"))
                    .when(new ReplyAsAgent(ID, AGENT, "we have news", "follow_up", nextWeek))
                    .expectEventsMatching(events);
            assertThat(events.types()).containsExactly(ReplyQueued.class, AgentReplied.class);
            assertThat(events.of(ReplyQueued.class).get(0).sessionId()).isEqualTo(SESSION);
            assertThat(events.of(AgentReplied.class).get(0)).satisfies(replied -> {
                assertThat(replied.handedOverAt()).isNull();
                assertThat(replied.firstResponse()).isFalse();
            });
        }

        @Test
        void insideTheWindowATemplateIsRefused() {
            refused(heldBy(AGENT), new ReplyAsAgent(ID, AGENT, "x", "follow_up", SOON), "window_open");
        }

        @Test
        void refusals() {
            refused(heldBy(AGENT), new ReplyAsAgent(ID, " ", "Hi", null, SOON), "invalid_agent");
            refused(heldBy(AGENT), new ReplyAsAgent(ID, AGENT, "  ", null, SOON), "invalid_reply");
            refused(heldBy(AGENT), new ReplyAsAgent(ID, AGENT, "x".repeat(Conversation.MAX_REPLY_LENGTH + 1), null,
                    SOON), "invalid_reply");
            refused(heldBy(AGENT), new ReplyAsAgent(ID, AGENT, "Hi", " ", SOON), "invalid_reply");
            refused(heldBy(AGENT), new ReplyAsAgent(ID, AGENT, "Hi", null, null), "invalid_time");
            refused(plus(heldBy(AGENT), new ContactErased(ID, SESSION, ORG, CONTACT_ID, "request", T0)),
                    new ReplyAsAgent(ID, AGENT, "Hi", null, SOON), "contact_erased");
            refused(new Object[] {new ContactOptedOut(ID, null, ORG, CONTACT_ID, ConsentSource.API, T0)},
                    new ReplyAsAgent(ID, AGENT, "Hi", "follow_up", SOON), "no_active_conversation");
        }
    }

    @Nested
    class Notes {
        @Test
        void aNoteIsRecordedOnTheSessionAndReturnsItsId() {
            Published events = new Published();
            fixture.given(heldBy(AGENT))
                    .when(new AddNote(ID, SESSION, AGENT, "  Asked for a refund of order 44; checking with finance ",
                            SOON))
                    .expectEventsMatching(events)
                    .expectResultMessagePayloadMatching(new BaseMatcher<>() {
                        @Override
                        public boolean matches(Object actual) {
                            return actual instanceof String id
                                    && id.equals(events.of(NoteAdded.class).get(0).noteId());
                        }

                        @Override
                        public void describeTo(Description description) {
                            description.appendText("the note's id");
                        }
                    });
            NoteAdded note = events.of(NoteAdded.class).get(0);
            assertThat(note).isEqualTo(new NoteAdded(ID, SESSION, ORG, CONTACT_ID, note.noteId(), AGENT,
                    "Asked for a refund of order 44; checking with finance", SOON));
        }

        @Test
        void aNoteMayGoOnASessionThatEnded() {
            Published events = new Published();
            fixture.given(started(), new ConversationClosed(ID, SESSION, ORG, CONTACT_ID, "done"))
                    .when(new AddNote(ID, null, AGENT, "called them back", SOON))
                    .expectEventsMatching(events);
            assertThat(events.of(NoteAdded.class)).singleElement()
                    .satisfies(note -> assertThat(note.sessionId()).isEqualTo(SESSION));
        }

        @Test
        void refusals() {
            refused(heldBy(AGENT), new AddNote(ID, SESSION, AGENT, " ", SOON), "invalid_note");
            refused(heldBy(AGENT), new AddNote(ID, SESSION, AGENT, null, SOON), "invalid_note");
            refused(heldBy(AGENT), new AddNote(ID, SESSION, AGENT, "x".repeat(Conversation.MAX_NOTE_LENGTH + 1), SOON),
                    "invalid_note");
            refused(heldBy(AGENT), new AddNote(ID, SESSION, "", "note", SOON), "invalid_agent");
            refused(plus(heldBy(AGENT), new ContactErased(ID, SESSION, ORG, CONTACT_ID, "request", T0)),
                    new AddNote(ID, SESSION, AGENT, "note", SOON), "contact_erased");
        }
    }

    @Nested
    class HandingBack {
        @Test
        void theBotHoldsTheConversationAgainAndAnswersTheNextMessage() {
            fixture.given(heldBy(AGENT))
                    .when(new HandBackToBot(ID, SESSION, AGENT, SOON))
                    .expectEvents(new HandedBackToBot(ID, SESSION, ORG, CONTACT_ID, AGENT, HandedBackToBot.HANDED_BACK,
                                    T0, SOON),
                            moved(ConversationState.HANDED_OVER, ConversationState.IDLE, Map.of()))
                    .expectState(conversation -> {
                        assertThat(conversation.state()).isEqualTo(ConversationState.IDLE);
                        assertThat(conversation.assignedAgentId()).isNull();
                    });

            Published next = new Published();
            fixture.given(plus(heldBy(AGENT), new HandedBackToBot(ID, SESSION, ORG, CONTACT_ID, AGENT,
                                    HandedBackToBot.HANDED_BACK, T0, SOON),
                            moved(ConversationState.HANDED_OVER, ConversationState.IDLE, Map.of())))
                    .when(says("wamid.2", "menu", SOON.plusSeconds(5)))
                    .expectEventsMatching(next);
            assertThat(next.of(ReplyQueued.class)).singleElement()
                    .satisfies(reply -> assertThat(reply.reply()).isInstanceOf(OutboundReply.ChoiceList.class));
        }

        @Test
        void refusals() {
            refused(new Object[] {started(), received("wamid.1", T0)}, new HandBackToBot(ID, SESSION, AGENT, SOON),
                    "not_handed_over");
            refused(heldBy(AGENT), new HandBackToBot(ID, SESSION, null, SOON), "invalid_agent");
            refused(plus(heldBy(AGENT), new ConversationClosed(ID, SESSION, ORG, CONTACT_ID, "done")),
                    new HandBackToBot(ID, SESSION, AGENT, SOON), "no_active_conversation");
            refused(heldBy(AGENT), new HandBackToBot(ID, "another-session", AGENT, SOON), "no_active_conversation");
        }
    }

    @Nested
    class Closing {
        @Test
        void closingAHandedOverConversationEndsTheHandoverFirst() {
            fixture.given(heldBy(AGENT))
                    .when(new CloseConversation(ID, SESSION, AGENT, "agent", SOON))
                    .expectEvents(new HandedBackToBot(ID, SESSION, ORG, CONTACT_ID, AGENT, HandedBackToBot.CLOSED, T0,
                            SOON), new ConversationClosed(ID, SESSION, ORG, CONTACT_ID, "agent"));
        }

        @Test
        void closingABotConversationOnlyClosesIt() {
            fixture.given(started(), received("wamid.1", T0))
                    .when(new CloseConversation(ID, SESSION, AGENT, "agent", SOON))
                    .expectEvents(new ConversationClosed(ID, SESSION, ORG, CONTACT_ID, "agent"));
        }

        @Test
        void refusals() {
            refused(heldBy(AGENT), new CloseConversation(ID, "another-session", AGENT, "agent", SOON),
                    "no_active_conversation");
            refused(plus(heldBy(AGENT), new ContactErased(ID, SESSION, ORG, CONTACT_ID, "request", T0)),
                    new CloseConversation(ID, SESSION, AGENT, "agent", SOON), "contact_erased");
        }
    }
}
