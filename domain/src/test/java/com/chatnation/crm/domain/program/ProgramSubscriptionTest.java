package com.chatnation.crm.domain.program;

import com.chatnation.crm.domain.common.DomainRuleViolation;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.hamcrest.CustomTypeSafeMatcher;
import org.hamcrest.Matcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A contact's subscription to a program: joining, leaving, coming back, and the deliveries recorded on it. */
class ProgramSubscriptionTest {

    private static final String PROGRAM = "program-1";
    private static final String ORG = "org-1";
    private static final String OTHER_ORG = "org-2";
    private static final String CONTACT = "contact-jane";
    private static final String SUBSCRIPTION = ProgramSubscription.idOf(PROGRAM, CONTACT);
    private static final String CONVERSATION = "conversation-1";
    private static final Instant JOINED = Instant.parse("2026-03-01T08:00:00Z");
    private static final Instant LEFT = Instant.parse("2026-03-05T08:00:00Z");
    private static final Instant NOW = Instant.parse("2026-03-10T08:00:00Z");
    private static final LocalDate DAY_1 = LocalDate.of(2026, 3, 2);
    private static final LocalDate DAY_2 = LocalDate.of(2026, 3, 3);
    private static final LocalDate DAY_3 = LocalDate.of(2026, 3, 4);

    private AggregateTestFixture<ProgramSubscription> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(ProgramSubscription.class);
    }

    // ---- commands, events and matchers ---------------------------------------------------------------------------

    private static SubscribeToProgram subscribe(String source, int startAfter, Instant at) {
        return new SubscribeToProgram(SUBSCRIPTION, PROGRAM, ORG, CONTACT, CONVERSATION, source, startAfter, at);
    }

    private static SubscribedToProgram subscribed(int startAfter) {
        return new SubscribedToProgram(SUBSCRIPTION, PROGRAM, ORG, CONTACT, CONVERSATION, "keyword", startAfter,
                false, JOINED);
    }

    private static UnsubscribedFromProgram unsubscribed() {
        return new UnsubscribedFromProgram(SUBSCRIPTION, PROGRAM, ORG, CONTACT, "keyword", JOINED, LEFT);
    }

    private static ProgramItemDelivered delivered(String itemId, Integer sequence, LocalDate slot) {
        return new ProgramItemDelivered(SUBSCRIPTION, PROGRAM, ORG, CONTACT, CONVERSATION, itemId, sequence, slot,
                "reply-" + slot, JOINED);
    }

    private static RecordProgramDelivery deliver(String itemId, Integer sequence, LocalDate slot) {
        return new RecordProgramDelivery(SUBSCRIPTION, ORG, itemId, sequence, slot, "reply-new", NOW);
    }

    private static ProgramItemDelivered deliveredNow(String itemId, Integer sequence, LocalDate slot) {
        return new ProgramItemDelivered(SUBSCRIPTION, PROGRAM, ORG, CONTACT, CONVERSATION, itemId, sequence, slot,
                "reply-new", NOW);
    }

    private static Matcher<DomainRuleViolation> violation(String code) {
        return new CustomTypeSafeMatcher<>("DomainRuleViolation with code '" + code + "'") {
            @Override
            protected boolean matchesSafely(DomainRuleViolation item) {
                return code.equals(item.code());
            }
        };
    }

    private void refuses(List<Object> given, Object command, String code) {
        fixture.given(given)
                .when(command)
                .expectException(DomainRuleViolation.class)
                .expectException(violation(code))
                .expectNoEvents();
    }

    @Test
    void theIdIsTheProgramAndTheContact() {
        assertThat(ProgramSubscription.idOf("p-9", "c-4")).isEqualTo("p-9:c-4");
    }

    // ---- subscribing ----------------------------------------------------------------------------------------------

    @Nested
    class Subscribing {

        @ParameterizedTest
        @ValueSource(strings = {"keyword", "menu", "import", "agent"})
        void aFirstSubscriptionIsRecorded(String source) {
            fixture.givenNoPriorActivity()
                    .when(subscribe(source, 0, JOINED))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(new SubscribedToProgram(SUBSCRIPTION, PROGRAM, ORG, CONTACT, CONVERSATION, source, 0,
                            false, JOINED))
                    .expectResultMessagePayload(SubscriptionOutcome.SUBSCRIBED);
        }

        @Test
        void startsAfterTheGivenSequence() {
            fixture.givenNoPriorActivity()
                    .when(subscribe("menu", 12, JOINED))
                    .expectEvents(new SubscribedToProgram(SUBSCRIPTION, PROGRAM, ORG, CONTACT, CONVERSATION, "menu",
                            12, false, JOINED))
                    .expectResultMessagePayload(SubscriptionOutcome.SUBSCRIBED);
        }

        @Test
        void anImportedContactMayHaveNoConversationYet() {
            fixture.givenNoPriorActivity()
                    .when(new SubscribeToProgram(SUBSCRIPTION, PROGRAM, ORG, CONTACT, " ", "import", 0, JOINED))
                    .expectEvents(new SubscribedToProgram(SUBSCRIPTION, PROGRAM, ORG, CONTACT, null, "import", 0,
                            false, JOINED))
                    .expectResultMessagePayload(SubscriptionOutcome.SUBSCRIBED);
        }

        @Test
        void anActiveSubscriberIsAlreadySubscribedAndNothingIsRecorded() {
            fixture.given(subscribed(0))
                    .when(subscribe("keyword", 5, NOW))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents()
                    .expectResultMessagePayload(SubscriptionOutcome.ALREADY_SUBSCRIBED);
        }

        @Test
        void aFormerSubscriberIsResubscribed() {
            fixture.given(subscribed(0), unsubscribed())
                    .when(subscribe("menu", 0, NOW))
                    .expectEvents(new SubscribedToProgram(SUBSCRIPTION, PROGRAM, ORG, CONTACT, CONVERSATION, "menu", 0,
                            true, NOW))
                    .expectResultMessagePayload(SubscriptionOutcome.RESUBSCRIBED);
        }

        @Test
        void aReturningSubscriberResumesAfterTheLastItemTheyHad() {
            fixture.given(subscribed(0), delivered("i1", 1, DAY_1), delivered("i2", 2, DAY_2), unsubscribed())
                    .when(subscribe("keyword", 0, NOW))
                    .expectEvents(new SubscribedToProgram(SUBSCRIPTION, PROGRAM, ORG, CONTACT, CONVERSATION, "keyword",
                            2, true, NOW))
                    .expectResultMessagePayload(SubscriptionOutcome.RESUBSCRIBED);
        }

        @Test
        void aReturningSubscriberAskedToStartFurtherOnStartsThere() {
            fixture.given(subscribed(0), delivered("i1", 1, DAY_1), unsubscribed())
                    .when(subscribe("keyword", 9, NOW))
                    .expectEvents(new SubscribedToProgram(SUBSCRIPTION, PROGRAM, ORG, CONTACT, CONVERSATION, "keyword",
                            9, true, NOW))
                    .expectResultMessagePayload(SubscriptionOutcome.RESUBSCRIBED);
        }

        @Test
        void aReturningSubscriberKeepsTheStartTheyFirstHad() {
            fixture.given(subscribed(4), unsubscribed())
                    .when(subscribe("keyword", 0, NOW))
                    .expectEvents(new SubscribedToProgram(SUBSCRIPTION, PROGRAM, ORG, CONTACT, CONVERSATION, "keyword",
                            4, true, NOW))
                    .expectResultMessagePayload(SubscriptionOutcome.RESUBSCRIBED);
        }

        @Test
        void aReturningSubscriberWithoutAConversationKeepsTheKnownOne() {
            fixture.given(subscribed(0), unsubscribed())
                    .when(new SubscribeToProgram(SUBSCRIPTION, PROGRAM, ORG, CONTACT, null, "agent", 0, NOW))
                    .expectEvents(new SubscribedToProgram(SUBSCRIPTION, PROGRAM, ORG, CONTACT, CONVERSATION, "agent",
                            0, true, NOW));
        }

        @Test
        void aReturningSubscriberIsActiveAgain() {
            fixture.given(subscribed(0), unsubscribed(),
                            new SubscribedToProgram(SUBSCRIPTION, PROGRAM, ORG, CONTACT, CONVERSATION, "keyword", 0,
                                    true, NOW))
                    .when(subscribe("keyword", 0, NOW.plusSeconds(60)))
                    .expectNoEvents()
                    .expectResultMessagePayload(SubscriptionOutcome.ALREADY_SUBSCRIBED);
        }

        @ParameterizedTest
        @NullAndEmptySource
        @ValueSource(strings = {"Keyword", "broadcast", "web"})
        void refusesAnyOtherSource(String source) {
            fixture.givenNoPriorActivity()
                    .when(subscribe(source, 0, JOINED))
                    .expectException(violation("invalid_source"))
                    .expectNoEvents();
        }

        @Test
        void refusesANegativeStart() {
            fixture.givenNoPriorActivity()
                    .when(subscribe("keyword", -1, JOINED))
                    .expectException(violation("invalid_start"))
                    .expectNoEvents();
        }

        @Test
        void refusesAnIdNotMadeOfTheProgramAndContact() {
            fixture.givenNoPriorActivity()
                    .when(new SubscribeToProgram("program-1:contact-john", PROGRAM, ORG, CONTACT, CONVERSATION,
                            "keyword", 0, JOINED))
                    .expectException(violation("invalid_subscription_id"))
                    .expectNoEvents();
        }

        @Test
        void refusesAMissingContact() {
            fixture.givenNoPriorActivity()
                    .when(new SubscribeToProgram(PROGRAM + ":", PROGRAM, ORG, " ", CONVERSATION, "keyword", 0, JOINED))
                    .expectException(violation("missing_contact_id"))
                    .expectNoEvents();
        }

        @Test
        void refusesAnotherOrganization() {
            refuses(List.of(subscribed(0), unsubscribed()),
                    new SubscribeToProgram(SUBSCRIPTION, PROGRAM, OTHER_ORG, CONTACT, CONVERSATION, "keyword", 0, NOW),
                    "not_found");
        }
    }

    // ---- unsubscribing --------------------------------------------------------------------------------------------

    @Nested
    class Unsubscribing {

        @ParameterizedTest
        @ValueSource(strings = {"keyword", "agent", "opted_out", "erased", "program_archived"})
        void anActiveSubscriptionEndsAndNamesWhenItStarted(String reason) {
            fixture.given(subscribed(0), delivered("i1", 1, DAY_1))
                    .when(new UnsubscribeFromProgram(SUBSCRIPTION, ORG, reason, NOW))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(new UnsubscribedFromProgram(SUBSCRIPTION, PROGRAM, ORG, CONTACT, reason, JOINED, NOW))
                    .expectResultMessagePayload(true);
        }

        @Test
        void aResubscriptionEndsNamingItsOwnStart() {
            fixture.given(subscribed(0), unsubscribed(),
                            new SubscribedToProgram(SUBSCRIPTION, PROGRAM, ORG, CONTACT, CONVERSATION, "menu", 0, true,
                                    NOW))
                    .when(new UnsubscribeFromProgram(SUBSCRIPTION, ORG, "agent", NOW.plusSeconds(3600)))
                    .expectEvents(new UnsubscribedFromProgram(SUBSCRIPTION, PROGRAM, ORG, CONTACT, "agent", NOW,
                            NOW.plusSeconds(3600)))
                    .expectResultMessagePayload(true);
        }

        @Test
        void anEndedSubscriptionAnswersFalseAndRecordsNothing() {
            fixture.given(subscribed(0), unsubscribed())
                    .when(new UnsubscribeFromProgram(SUBSCRIPTION, ORG, "keyword", NOW))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents()
                    .expectResultMessagePayload(false);
        }

        @ParameterizedTest
        @NullAndEmptySource
        @ValueSource(strings = {"stop", "Keyword", "archived"})
        void refusesAnyOtherReason(String reason) {
            refuses(List.of(subscribed(0)), new UnsubscribeFromProgram(SUBSCRIPTION, ORG, reason, NOW),
                    "invalid_reason");
        }

        @Test
        void refusesAnotherOrganization() {
            refuses(List.of(subscribed(0)), new UnsubscribeFromProgram(SUBSCRIPTION, OTHER_ORG, "agent", NOW),
                    "not_found");
        }
    }

    // ---- deliveries -----------------------------------------------------------------------------------------------

    @Nested
    class Deliveries {

        @Test
        void recordsTheFirstItem() {
            fixture.given(subscribed(0))
                    .when(deliver("i1", 1, DAY_1))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(deliveredNow("i1", 1, DAY_1))
                    .expectResultMessagePayload(true);
        }

        @Test
        void recordsTheNextItemOnALaterSlot() {
            fixture.given(subscribed(0), delivered("i1", 1, DAY_1))
                    .when(deliver("i2", 2, DAY_2))
                    .expectEvents(deliveredNow("i2", 2, DAY_2))
                    .expectResultMessagePayload(true);
        }

        @Test
        void recordsASkipAheadInTheSeries() {
            fixture.given(subscribed(0), delivered("i1", 1, DAY_1))
                    .when(deliver("i5", 5, DAY_2))
                    .expectEvents(deliveredNow("i5", 5, DAY_2))
                    .expectResultMessagePayload(true);
        }

        @Test
        void recordsADatedItemWithoutASequence() {
            fixture.given(subscribed(0), delivered("i1", 1, DAY_1))
                    .when(deliver("easter", null, DAY_2))
                    .expectEvents(deliveredNow("easter", null, DAY_2))
                    .expectResultMessagePayload(true);
        }

        @Test
        void aDatedItemLeavesTheSeriesWhereItWas() {
            fixture.given(subscribed(0), delivered("i1", 1, DAY_1), delivered("easter", null, DAY_2))
                    .when(deliver("i2", 2, DAY_3))
                    .expectEvents(deliveredNow("i2", 2, DAY_3))
                    .expectResultMessagePayload(true);
        }

        @Test
        void aSlotRecordedAlreadyIsNotRecordedAgain() {
            fixture.given(subscribed(0), delivered("i1", 1, DAY_1))
                    .when(deliver("i1", 1, DAY_1))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents()
                    .expectResultMessagePayload(false);
        }

        @Test
        void aSlotRecordedAlreadyIsNotRecordedAgainWhateverItemTheRetryNames() {
            fixture.given(subscribed(0), delivered("i1", 1, DAY_1))
                    .when(deliver("i2", 2, DAY_1))
                    .expectNoEvents()
                    .expectResultMessagePayload(false);
        }

        @Test
        void aRetryAfterTheContactLeftIsStillAnsweredAsRecorded() {
            fixture.given(subscribed(0), delivered("i1", 1, DAY_1), unsubscribed())
                    .when(deliver("i1", 1, DAY_1))
                    .expectNoEvents()
                    .expectResultMessagePayload(false);
        }

        @Test
        void startsTheSeriesAfterTheSubscriptionsStart() {
            fixture.given(subscribed(3))
                    .when(deliver("i4", 4, DAY_1))
                    .expectEvents(deliveredNow("i4", 4, DAY_1))
                    .expectResultMessagePayload(true);
        }

        @Test
        void afterComingBackTheSeriesContinuesFromTheResumedSequence() {
            fixture.given(subscribed(0), delivered("i1", 1, DAY_1), unsubscribed(),
                            new SubscribedToProgram(SUBSCRIPTION, PROGRAM, ORG, CONTACT, CONVERSATION, "keyword", 1,
                                    true, NOW))
                    .when(deliver("i2", 2, DAY_3))
                    .expectEvents(deliveredNow("i2", 2, DAY_3))
                    .expectResultMessagePayload(true);
        }

        @Test
        void refusesAnItemAtOrBeforeTheSubscriptionsStart() {
            refuses(List.of(subscribed(3)), deliver("i3", 3, DAY_1), "out_of_order");
        }

        @Test
        void refusesTheSameSequenceOnALaterSlot() {
            refuses(List.of(subscribed(0), delivered("i1", 1, DAY_1)), deliver("i1", 1, DAY_2), "out_of_order");
        }

        @Test
        void refusesAnEarlierSequence() {
            refuses(List.of(subscribed(0), delivered("i2", 2, DAY_1)), deliver("i1", 1, DAY_2), "out_of_order");
        }

        @Test
        void refusesAnEarlierSlot() {
            refuses(List.of(subscribed(0), delivered("i2", 2, DAY_2)), deliver("i3", 3, DAY_1), "out_of_order");
        }

        @Test
        void refusesAnEarlierSlotOfADatedItem() {
            refuses(List.of(subscribed(0), delivered("i2", 2, DAY_2)), deliver("easter", null, DAY_1),
                    "out_of_order");
        }

        @Test
        void refusesAFormerSubscriber() {
            refuses(List.of(subscribed(0), unsubscribed()), deliver("i1", 1, DAY_1), "not_subscribed");
        }

        @Test
        void refusesAnotherOrganization() {
            refuses(List.of(subscribed(0)),
                    new RecordProgramDelivery(SUBSCRIPTION, OTHER_ORG, "i1", 1, DAY_1, "reply-1", NOW), "not_found");
        }

        @ParameterizedTest
        @NullAndEmptySource
        @ValueSource(strings = {"  "})
        void refusesAMissingItem(String itemId) {
            refuses(List.of(subscribed(0)), new RecordProgramDelivery(SUBSCRIPTION, ORG, itemId, 1, DAY_1, "reply-1",
                    NOW), "invalid_delivery");
        }

        @ParameterizedTest
        @NullAndEmptySource
        @ValueSource(strings = {"  "})
        void refusesAMissingReply(String replyId) {
            refuses(List.of(subscribed(0)), new RecordProgramDelivery(SUBSCRIPTION, ORG, "i1", 1, DAY_1, replyId,
                    NOW), "invalid_delivery");
        }

        @Test
        void refusesAMissingSlot() {
            refuses(List.of(subscribed(0)), new RecordProgramDelivery(SUBSCRIPTION, ORG, "i1", 1, null, "reply-1",
                    NOW), "invalid_delivery");
        }
    }
}
