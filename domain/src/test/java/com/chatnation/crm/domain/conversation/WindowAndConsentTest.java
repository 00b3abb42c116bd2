package com.chatnation.crm.domain.conversation;

import com.chatnation.crm.domain.TestContacts;
import com.chatnation.crm.domain.common.DomainRuleViolation;
import com.chatnation.crm.domain.common.PhoneNumber;
import com.chatnation.crm.domain.messaging.MessageContent;
import com.chatnation.crm.domain.messaging.MessageContext;
import com.chatnation.crm.domain.messaging.OutboundReply;
import com.chatnation.crm.domain.organization.ConsentWords;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.hamcrest.BaseMatcher;
import org.hamcrest.Description;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static com.chatnation.crm.domain.conversation.FakeCatalogs.ORG;
import static org.assertj.core.api.Assertions.assertThat;

/** The customer-service window and marketing consent, as the contact's conversation keeps them. */
class WindowAndConsentTest {

    private static final PhoneNumber CONTACT = PhoneNumber.of("+254712345678");
    private static final String CONTACT_ID = TestContacts.id(CONTACT);
    private static final String ID = ConversationId.of(ORG, CONTACT_ID);
    private static final String SESSION = "session-1";
    private static final Duration TIMEOUT = Duration.ofHours(24);
    private static final Instant T0 = Instant.parse("2026-11-21T10:00:00Z");
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

    private static ReceiveMessage says(String messageId, String text, Instant at) {
        return new ReceiveMessage(ID, ORG, CONTACT_ID, CONTACT, "Jane", messageId, at, new MessageContent.Text(text),
                MessageContext.NONE, TIMEOUT);
    }

    private static ConversationStarted started() {
        return new ConversationStarted(ID, SESSION, ORG, CONTACT_ID, CONTACT.e164(), "Jane", T0, TIMEOUT);
    }

    private static MessageReceived received(String messageId, Instant at) {
        return new MessageReceived(ID, SESSION, ORG, CONTACT_ID, CONTACT.e164(), messageId, at,
                new MessageContent.Text("hello"), MessageContext.NONE, "Jane");
    }

    private static ReplyQueued queued(String replyId) {
        return new ReplyQueued(ID, SESSION, ORG, CONTACT_ID, CONTACT.e164(), replyId, "general", "reply",
                new OutboundReply.Text("hi"), "wamid.1", T0.plus(Duration.ofHours(24)), null);
    }

    private static ContactOptedOut optedOut(String source, Instant at) {
        return new ContactOptedOut(ID, SESSION, ORG, CONTACT_ID, source, at);
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
    }

    @Nested
    class TheWindow {
        @Test
        void aRepliesWindowClosesADayAfterTheContactsMessage() {
            Published events = new Published();
            fixture.givenNoPriorActivity().when(says("wamid.1", "Hi", T0)).expectEventsMatching(events);
            assertThat(events.of(ReplyQueued.class)).singleElement()
                    .satisfies(reply -> assertThat(reply.windowClosesAt()).isEqualTo(T0.plus(Duration.ofHours(24))))
                    .satisfies(reply -> assertThat(reply.reengageTemplate()).isNull());
        }

        @Test
        void eachOfTheContactsMessagesRefreshesIt() {
            Instant later = T0.plus(Duration.ofHours(5));
            Published events = new Published();
            fixture.given(started(), received("wamid.1", T0))
                    .when(says("wamid.2", "menu", later)).expectEventsMatching(events);
            assertThat(events.of(ReplyQueued.class)).singleElement()
                    .satisfies(reply -> assertThat(reply.windowClosesAt()).isEqualTo(later.plus(Duration.ofHours(24))));
        }

        @Test
        void aMessageOlderThanTheLatestDoesNotShortenIt() {
            Published events = new Published();
            fixture.given(started(), received("wamid.2", T0.plus(Duration.ofHours(5))))
                    .when(says("wamid.1", "menu", T0)).expectEventsMatching(events);
            assertThat(events.of(ReplyQueued.class)).singleElement()
                    .satisfies(reply -> assertThat(reply.windowClosesAt())
                            .isEqualTo(T0.plus(Duration.ofHours(29))));
        }

        @Test
        void ourOwnRepliesAndNotificationsDoNotOpenIt() {
            Published events = new Published();
            fixture.given(started(), received("wamid.1", T0), queued("r-1"),
                            new ReplySent(ID, SESSION, ORG, CONTACT_ID, "r-1", "wamid.out", 1))
                    .when(new SendNotification(ID, "events", "reminder", new OutboundReply.Text("See you"), null))
                    .expectEventsMatching(events);
            assertThat(events.of(ReplyQueued.class)).singleElement()
                    .satisfies(reply -> assertThat(reply.windowClosesAt()).isEqualTo(T0.plus(Duration.ofHours(24))));
        }

        @Test
        void aNotificationCarriesTheTemplateToReEngageWithOntoItsReply() {
            Published events = new Published();
            fixture.given(started(), received("wamid.1", T0))
                    .when(new SendNotification(ID, "events", "ticket_issued", new OutboundReply.Text("Your tickets"),
                            "ticket_issued"))
                    .expectEventsMatching(events);
            assertThat(events.of(ReplyQueued.class)).singleElement().satisfies(reply -> {
                assertThat(reply.reengageTemplate()).isEqualTo("ticket_issued");
                assertThat(reply.windowClosesAt()).isEqualTo(T0.plus(Duration.ofHours(24)));
                assertThat(reply.action()).isEqualTo("ticket_issued");
            });
        }

        @Test
        void aNotificationWithoutATemplateQueuesAReplyWithNone() {
            Published events = new Published();
            fixture.given(started(), received("wamid.1", T0))
                    .when(new SendNotification(ID, "events", "reminder", new OutboundReply.Text("See you"), null))
                    .expectEventsMatching(events);
            assertThat(events.of(ReplyQueued.class)).singleElement()
                    .satisfies(reply -> assertThat(reply.reengageTemplate()).isNull());
        }

        @Test
        void aBlankTemplateNameIsRefused() {
            fixture.given(started(), received("wamid.1", T0))
                    .when(new SendNotification(ID, "events", "reminder", new OutboundReply.Text("See you"), " "))
                    .expectException(DomainRuleViolation.class)
                    .expectExceptionMessage("a template to re-engage with is named, or null for none")
                    .expectNoEvents();
        }

        @Test
        void aReplyOutsideTheWindowExpires() {
            fixture.given(started(), received("wamid.1", T0), queued("r-1"))
                    .when(new ExpireReply(ID, "r-1", ReplyExpired.WINDOW_CLOSED))
                    .expectEvents(new ReplyExpired(ID, SESSION, ORG, CONTACT_ID, "r-1", ReplyExpired.WINDOW_CLOSED,
                            T0.plus(Duration.ofHours(24))));
        }

        @Test
        void anExpiredReplyIsSettled() {
            fixture.given(started(), received("wamid.1", T0), queued("r-1"),
                            new ReplyExpired(ID, SESSION, ORG, CONTACT_ID, "r-1", "131047", null))
                    .when(new ExpireReply(ID, "r-1", ReplyExpired.WINDOW_CLOSED))
                    .expectNoEvents();
            fixture.given(started(), received("wamid.1", T0), queued("r-1"),
                            new ReplyExpired(ID, SESSION, ORG, CONTACT_ID, "r-1", "131047", null))
                    .when(new MarkReplySent(ID, "r-1", "wamid.x", 1))
                    .expectNoEvents();
        }

        @Test
        void refusesAnExpiryWithoutReasonOrReply() {
            fixture.given(started(), received("wamid.1", T0), queued("r-1"))
                    .when(new ExpireReply(ID, "r-1", " "))
                    .expectException(DomainRuleViolation.class).expectNoEvents();
            fixture.given(started(), received("wamid.1", T0), queued("r-1"))
                    .when(new ExpireReply(ID, null, ReplyExpired.WINDOW_CLOSED))
                    .expectException(DomainRuleViolation.class).expectNoEvents();
        }
    }

    @Nested
    class ConsentWordsInTheConversation {
        @Test
        void stopOptsOutConfirmsAndLeavesASurveyUnderWay() {
            Published events = new Published();
            fixture.given(started(), received("wamid.1", T0), new StateChanged(ID, SESSION, ORG, CONTACT_ID, "idle",
                            ConversationState.SURVEY_IN_PROGRESS.stateName(), null, "surveys", SURVEY_DATA))
                    .when(says("wamid.2", " Stop ", T0.plusSeconds(30)))
                    .expectResultMessagePayload(List.of(new ConversationEffect.AbandonSurvey("resp-1", "cancelled")))
                    .expectEventsMatching(events);
            assertThat(events.of(ContactOptedOut.class)).containsExactly(
                    optedOut(ConsentSource.KEYWORD, T0.plusSeconds(30)));
            assertThat(events.of(StateChanged.class)).singleElement()
                    .satisfies(change -> assertThat(change.toState()).isEqualTo("idle"));
            assertThat(events.of(ReplyQueued.class)).singleElement()
                    .satisfies(reply -> assertThat(reply.reply().fallbackText()).isEqualTo(GlobalWords.OPTED_OUT));
        }

        @Test
        void swahiliWordsOptOutToo() {
            Published events = new Published();
            fixture.given(started(), received("wamid.1", T0))
                    .when(says("wamid.2", "sitaki", T0.plusSeconds(30))).expectEventsMatching(events);
            assertThat(events.of(ContactOptedOut.class)).hasSize(1);
        }

        @Test
        void anOptedOutContactSayingStopAgainIsConfirmedWithoutANewEvent() {
            Published events = new Published();
            fixture.given(started(), received("wamid.1", T0), optedOut(ConsentSource.KEYWORD, T0))
                    .when(says("wamid.2", "STOP", T0.plusSeconds(30))).expectEventsMatching(events);
            assertThat(events.types()).doesNotContain(ContactOptedOut.class);
            assertThat(events.of(ReplyQueued.class)).singleElement()
                    .satisfies(reply -> assertThat(reply.reply().fallbackText()).isEqualTo(GlobalWords.OPTED_OUT));
        }

        @Test
        void startOptsBackInAndShowsTheMenu() {
            Published events = new Published();
            fixture.given(started(), received("wamid.1", T0), optedOut(ConsentSource.KEYWORD, T0))
                    .when(says("wamid.2", "start", T0.plusSeconds(30))).expectEventsMatching(events);
            assertThat(events.of(ContactOptedIn.class)).containsExactly(new ContactOptedIn(ID, SESSION, ORG,
                    CONTACT_ID, ConsentSource.KEYWORD, T0.plusSeconds(30)));
            assertThat(events.of(ReplyQueued.class)).extracting(reply -> (Object) reply.reply().getClass())
                    .containsExactly(OutboundReply.Text.class, OutboundReply.ChoiceList.class);
        }

        @Test
        void cancelStillOnlyLeavesTheFlow() {
            Published events = new Published();
            fixture.given(started(), received("wamid.1", T0))
                    .when(says("wamid.2", "cancel", T0.plusSeconds(30))).expectEventsMatching(events);
            assertThat(events.types()).doesNotContain(ContactOptedOut.class, ContactOptedIn.class);
        }

        @Test
        void aSentenceWithTheWordIsNotAnOptOut() {
            Published events = new Published();
            fixture.given(started(), received("wamid.1", T0))
                    .when(says("wamid.2", "stop the music", T0.plusSeconds(30))).expectEventsMatching(events);
            assertThat(events.types()).doesNotContain(ContactOptedOut.class);
        }

        @Test
        void theOrganizationsOwnWordsApply() {
            catalogs.words = new ConsentWords(List.of("HALT"), List.of("RESUME"));
            Published halt = new Published();
            fixture.given(started(), received("wamid.1", T0))
                    .when(says("wamid.2", "halt", T0.plusSeconds(30))).expectEventsMatching(halt);
            assertThat(halt.of(ContactOptedOut.class)).hasSize(1);

            Published stop = new Published();
            fixture.given(started(), received("wamid.1", T0))
                    .when(says("wamid.2", "stop", T0.plusSeconds(30))).expectEventsMatching(stop);
            assertThat(stop.types()).doesNotContain(ContactOptedOut.class); // "stop" only cancels now
            assertThat(stop.of(ReplyQueued.class)).singleElement()
                    .satisfies(reply -> assertThat(reply.reply().fallbackText()).startsWith("There is nothing to cancel"));
        }
    }

    @Nested
    class ConsentFromElsewhere {
        @Test
        void metasPreferencesOptOut() {
            fixture.given(started(), received("wamid.1", T0))
                    .when(new RecordMarketingConsent(ID, ORG, CONTACT_ID, false, ConsentSource.META_PREFERENCES,
                            T0.plusSeconds(60)))
                    .expectEvents(optedOut(ConsentSource.META_PREFERENCES, T0.plusSeconds(60)));
        }

        @Test
        void aContactWhoNeverWroteGetsAStreamForTheirConsent() {
            fixture.givenNoPriorActivity()
                    .when(new RecordMarketingConsent(ID, ORG, CONTACT_ID, false, ConsentSource.ERROR_131050, T0))
                    .expectEvents(new ContactOptedOut(ID, null, ORG, CONTACT_ID, ConsentSource.ERROR_131050, T0));
        }

        @Test
        void theSameStateAgainOrAnOlderStatementChangesNothing() {
            fixture.given(started(), optedOut(ConsentSource.KEYWORD, T0.plusSeconds(60)))
                    .when(new RecordMarketingConsent(ID, ORG, CONTACT_ID, false, ConsentSource.META_PREFERENCES,
                            T0.plusSeconds(90)))
                    .expectNoEvents();
            fixture.given(started(), optedOut(ConsentSource.KEYWORD, T0.plusSeconds(60)))
                    .when(new RecordMarketingConsent(ID, ORG, CONTACT_ID, true, ConsentSource.META_PREFERENCES,
                            T0.plusSeconds(30)))
                    .expectNoEvents();
        }

        @Test
        void anErasedContactRecordsNothing() {
            fixture.given(started(), new ContactErased(ID, SESSION, ORG, CONTACT_ID, "request", T0))
                    .when(new RecordMarketingConsent(ID, ORG, CONTACT_ID, false, ConsentSource.META_PREFERENCES,
                            T0.plusSeconds(60)))
                    .expectNoEvents();
        }

        @Test
        void refusesAnotherContactOrMissingFacts() {
            fixture.given(started())
                    .when(new RecordMarketingConsent(ID, ORG, "someone-else", false, ConsentSource.API, T0))
                    .expectException(DomainRuleViolation.class).expectNoEvents();
            fixture.given(started())
                    .when(new RecordMarketingConsent(ID, ORG, CONTACT_ID, false, null, T0))
                    .expectException(DomainRuleViolation.class).expectNoEvents();
            fixture.given(started())
                    .when(new RecordMarketingConsent(ID, ORG, CONTACT_ID, false, ConsentSource.API, null))
                    .expectException(DomainRuleViolation.class).expectNoEvents();
        }
    }
}
