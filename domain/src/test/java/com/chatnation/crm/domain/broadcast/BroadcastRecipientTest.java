package com.chatnation.crm.domain.broadcast;

import com.chatnation.crm.domain.common.DomainRuleViolation;
import com.chatnation.crm.domain.conversation.DeliveryStatus;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

class BroadcastRecipientTest {

    private static final String BROADCAST = "broadcast-1";
    private static final String ORG = "org-1";
    private static final String CONTACT = "6f1c1a1e-0000-4000-8000-000000000001";
    private static final String ID = BroadcastRecipientId.of(BROADCAST, CONTACT);
    private static final Instant AT = Instant.parse("2026-12-01T08:00:00Z");
    private static final RecipientQueued QUEUED = new RecipientQueued(ID, BROADCAST, ORG, CONTACT, "+254712345678",
            List.of("Amina", "TechExpo"));
    private static final RecipientSent SENT = new RecipientSent(ID, BROADCAST, ORG, CONTACT, "wamid.1", 50, "MARKETING", AT);

    private FixtureConfiguration<BroadcastRecipient> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(BroadcastRecipient.class);
    }

    private static RecipientDeliveryUpdated updated(DeliveryStatus status, Instant at, Integer code, String title,
                                                    long refund) {
        return new RecipientDeliveryUpdated(ID, BROADCAST, ORG, CONTACT, status, at, code, title, refund);
    }

    @Test
    void isQueuedWithItsNumberInCanonicalFormAndItsParameters() {
        fixture.givenNoPriorActivity()
                .when(new QueueRecipient(ID, BROADCAST, ORG, CONTACT, "254 712 345 678", List.of("Amina", "TechExpo")))
                .expectEvents(QUEUED);
    }

    @Test
    void refusesAnInvalidNumberAnEmptyParameterOrAnIdNotMadeOfBroadcastAndContact() {
        fixture.givenNoPriorActivity()
                .when(new QueueRecipient(ID, BROADCAST, ORG, CONTACT, "0712", List.of()))
                .expectException(DomainRuleViolation.class);
        fixture.givenNoPriorActivity()
                .when(new QueueRecipient(ID, BROADCAST, ORG, CONTACT, "+254712345678", List.of("Amina", " ")))
                .expectException(DomainRuleViolation.class)
                .expectExceptionMessage("every template parameter needs a value (WhatsApp refuses empty ones), at most 100");
        fixture.givenNoPriorActivity()
                .when(new QueueRecipient("someone-else", BROADCAST, ORG, CONTACT, "+254712345678", List.of()))
                .expectException(DomainRuleViolation.class)
                .expectExceptionMessage("a recipient's id is made of its broadcast and contact");
    }

    @Test
    void isSuppressedOnceForAKnownReason() {
        fixture.given(QUEUED)
                .when(new SuppressRecipient(ID, "opted_out"))
                .expectEvents(new RecipientSuppressed(ID, BROADCAST, ORG, CONTACT, "opted_out"));
        fixture.given(QUEUED, new RecipientSuppressed(ID, BROADCAST, ORG, CONTACT, "opted_out"))
                .when(new SuppressRecipient(ID, "cancelled"))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void refusesAnUnknownSuppressionReasonOrSuppressingWhatWasSent() {
        fixture.given(QUEUED)
                .when(new SuppressRecipient(ID, "bored"))
                .expectException(DomainRuleViolation.class);
        fixture.given(QUEUED, SENT)
                .when(new SuppressRecipient(ID, "opted_out"))
                .expectException(DomainRuleViolation.class)
                .expectExceptionMessage("recipient " + ID + " was already sent to");
    }

    @Test
    void isSentOnceAndNeverWhenSuppressed() {
        fixture.given(QUEUED)
                .when(new MarkRecipientSent(ID, "wamid.1", 50, "MARKETING", AT))
                .expectEvents(SENT);
        fixture.given(QUEUED, SENT)
                .when(new MarkRecipientSent(ID, "wamid.1", 50, "MARKETING", AT))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
        fixture.given(QUEUED, new RecipientSuppressed(ID, BROADCAST, ORG, CONTACT, "opted_out"))
                .when(new MarkRecipientSent(ID, "wamid.1", 50, "MARKETING", AT))
                .expectException(DomainRuleViolation.class)
                .expectExceptionMessage("recipient " + ID + " is suppressed");
        fixture.given(QUEUED)
                .when(new MarkRecipientSent(ID, "wamid.1", -1, "MARKETING", AT))
                .expectException(DomainRuleViolation.class);
    }

    @Test
    void aSendNamesItsTemplatesCategory() {
        fixture.given(QUEUED)
                .when(new MarkRecipientSent(ID, "wamid.1", 50, "PROMO", AT))
                .expectException(DomainRuleViolation.class)
                .expectExceptionMessage("a send names its template's category, one of " + BroadcastTemplate.CATEGORIES)
                .expectNoEvents();
    }

    @Test
    void statusesOnlyMoveForwardWhateverOrderTheyArriveIn() {
        fixture.given(QUEUED, SENT, updated(DeliveryStatus.READ, AT.plusSeconds(5), null, null, 0))
                .when(new RecordRecipientStatus(ID, DeliveryStatus.DELIVERED, AT.plusSeconds(3), null, null))
                .expectSuccessfulHandlerExecution()
                .expectResultMessagePayload(false)
                .expectNoEvents();
        fixture.given(QUEUED, SENT)
                .when(new RecordRecipientStatus(ID, DeliveryStatus.DELIVERED, AT.plusSeconds(3), null, null))
                .expectEvents(updated(DeliveryStatus.DELIVERED, AT.plusSeconds(3), null, null, 0))
                .expectResultMessagePayload(true);
        fixture.given(QUEUED, SENT, updated(DeliveryStatus.DELIVERED, AT.plusSeconds(3), null, null, 0))
                .when(new RecordRecipientStatus(ID, DeliveryStatus.DELIVERED, AT.plusSeconds(3), null, null))
                .expectResultMessagePayload(false)
                .expectNoEvents();
    }

    @Test
    void aFailureGivesBackWhatTheSendCapturedOnce() {
        fixture.given(QUEUED, SENT)
                .when(new RecordRecipientStatus(ID, DeliveryStatus.FAILED, AT.plusSeconds(9), 131026,
                        "Message undeliverable"))
                .expectEvents(updated(DeliveryStatus.FAILED, AT.plusSeconds(9), 131026, "Message undeliverable", 50));
        fixture.given(QUEUED, SENT, updated(DeliveryStatus.FAILED, AT.plusSeconds(9), 131026, "x", 50))
                .when(new RecordRecipientStatus(ID, DeliveryStatus.FAILED, AT.plusSeconds(9), 131026, "x"))
                .expectNoEvents();
    }

    @Test
    void aSendRefusedBeforeAnyMessageIdFailsWithNothingToRefund() {
        fixture.given(QUEUED)
                .when(new RecordRecipientStatus(ID, DeliveryStatus.FAILED, AT, 131030, "Recipient not in allowed list"))
                .expectEvents(updated(DeliveryStatus.FAILED, AT, 131030, "Recipient not in allowed list", 0));
    }

    @Test
    void refusesADeliveryReportForWhatWasNeverSentAndTheSentStatusItself() {
        fixture.given(QUEUED)
                .when(new RecordRecipientStatus(ID, DeliveryStatus.READ, AT, null, null))
                .expectException(DomainRuleViolation.class)
                .expectExceptionMessage("recipient " + ID + " was not sent to yet");
        fixture.given(QUEUED, SENT)
                .when(new RecordRecipientStatus(ID, DeliveryStatus.SENT, AT, null, null))
                .expectException(DomainRuleViolation.class)
                .expectExceptionMessage("a recipient's status is delivered, read or failed");
        fixture.given(QUEUED, new RecipientSuppressed(ID, BROADCAST, ORG, CONTACT, "opted_out"))
                .when(new RecordRecipientStatus(ID, DeliveryStatus.READ, AT, null, null))
                .expectResultMessagePayload(false)
                .expectNoEvents();
    }

    @Test
    void aReplyWithinADayOfTheSendCountsOnce() {
        fixture.given(QUEUED, SENT)
                .when(new RecordRecipientReply(ID, AT.plusSeconds(3600)))
                .expectEvents(new RecipientReplied(ID, BROADCAST, ORG, CONTACT, AT.plusSeconds(3600)));
        fixture.given(QUEUED, SENT, new RecipientReplied(ID, BROADCAST, ORG, CONTACT, AT.plusSeconds(3600)))
                .when(new RecordRecipientReply(ID, AT.plusSeconds(7200)))
                .expectNoEvents();
        fixture.given(QUEUED, SENT)
                .when(new RecordRecipientReply(ID, AT.plusSeconds(25 * 3600)))
                .expectNoEvents();
        fixture.given(QUEUED)
                .when(new RecordRecipientReply(ID, AT))
                .expectNoEvents();
    }

    @Test
    void aReplyDatedToTheSecondOfTheSendCountsAndOneBeforeItDoesNot() {
        RecipientSent sentMidSecond = new RecipientSent(ID, BROADCAST, ORG, CONTACT, "wamid.1", 50, "MARKETING",
                AT.plusMillis(700));
        fixture.given(QUEUED, sentMidSecond)
                .when(new RecordRecipientReply(ID, AT))
                .expectEvents(new RecipientReplied(ID, BROADCAST, ORG, CONTACT, AT));
        fixture.given(QUEUED, sentMidSecond)
                .when(new RecordRecipientReply(ID, AT.minusSeconds(1)))
                .expectNoEvents();
    }
}
