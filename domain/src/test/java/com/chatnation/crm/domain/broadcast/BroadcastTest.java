package com.chatnation.crm.domain.broadcast;

import com.chatnation.crm.domain.common.DomainRuleViolation;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class BroadcastTest {

    private static final String ID = "broadcast-1";
    private static final String ORG = "org-1";
    private static final BroadcastTemplate TEMPLATE = new BroadcastTemplate("event_reminder", "en", "MARKETING");
    private static final Instant NOW = Instant.parse("2026-12-01T08:00:00Z");
    private static final BroadcastCreated CREATED = new BroadcastCreated(ID, ORG, "TechExpo reminder", TEMPLATE,
            List.of(), null, "audience-1", null);
    private static final BroadcastStarted STARTED = new BroadcastStarted(ID, ORG, 100, 3, "reservation-1", 5000);

    private FixtureConfiguration<Broadcast> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Broadcast.class);
    }

    @Test
    void aDraftIsCreatedWithItsNameTemplateAndAudience() {
        fixture.givenNoPriorActivity()
                .when(new CreateBroadcast(ID, ORG, "  TechExpo reminder ", TEMPLATE, List.of(), null, "audience-1", null))
                .expectEvents(CREATED)
                .expectState(broadcast -> assertThat(broadcast.status()).isEqualTo(BroadcastStatus.DRAFT));
    }

    @Test
    void refusesANamelessOrOverlongBroadcastAndOverlongCallbackData() {
        fixture.givenNoPriorActivity()
                .when(new CreateBroadcast(ID, ORG, " ", TEMPLATE, List.of(), null, "audience-1", null))
                .expectException(DomainRuleViolation.class)
                .expectExceptionMessage("a broadcast has a name of 1 to 200 characters");
        fixture.givenNoPriorActivity()
                .when(new CreateBroadcast(ID, ORG, "x".repeat(201), TEMPLATE, List.of(), null, "audience-1", null))
                .expectException(DomainRuleViolation.class);
        fixture.givenNoPriorActivity()
                .when(new CreateBroadcast(ID, ORG, "ok", TEMPLATE, List.of(), null, "audience-1", "c".repeat(513)))
                .expectException(DomainRuleViolation.class)
                .expectExceptionMessage("callback data has at most 512 characters");
    }

    @Test
    void bindsEachTemplateParameterToAContactFieldAnAttributeOrAText() {
        List<ParameterBinding> bindings = List.of(new ParameterBinding(null, "name", null, "friend"),
                new ParameterBinding(null, "attribute", "city", "Nairobi"), new ParameterBinding(null, "text", null, "Friday"));
        fixture.givenNoPriorActivity()
                .when(new CreateBroadcast(ID, ORG, "ok", TEMPLATE, bindings, null, "audience-1", null))
                .expectEvents(new BroadcastCreated(ID, ORG, "ok", TEMPLATE, bindings, null, "audience-1", null));
        fixture.givenNoPriorActivity()
                .when(new CreateBroadcast(ID, ORG, "ok", TEMPLATE, java.util.Arrays.asList((ParameterBinding) null),
                        null, "audience-1", null))
                .expectException(DomainRuleViolation.class)
                .expectExceptionMessage("a broadcast binds at most 100 parameters, none of them empty");
    }

    @Test
    void aParameterBindingNamesWhereItsValueComesFrom() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new ParameterBinding(null, "email", null, null))
                .isInstanceOf(DomainRuleViolation.class)
                .hasMessageStartingWith("a parameter's value comes from one of");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new ParameterBinding(null, "attribute", " ", "x"))
                .isInstanceOf(DomainRuleViolation.class)
                .hasMessage("an attribute parameter names the attribute's key");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new ParameterBinding(null, "name", null, null))
                .isInstanceOf(DomainRuleViolation.class)
                .hasMessage("a name parameter needs a fallback for contacts without one (WhatsApp refuses an empty "
                        + "parameter)");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new ParameterBinding(null, "text", null, " "))
                .isInstanceOf(DomainRuleViolation.class)
                .hasMessage("a text parameter needs its text");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new ParameterBinding(null, "name", null, "x".repeat(1025)))
                .isInstanceOf(DomainRuleViolation.class)
                .hasMessage("a parameter's text or fallback has at most 1024 characters");
    }

    @Test
    void aMediaHeaderIsAFileByLinkOrByMediaId() {
        BroadcastHeader poster = new BroadcastHeader("IMAGE", "https://example.com/poster.jpg", null, null);
        fixture.givenNoPriorActivity()
                .when(new CreateBroadcast(ID, ORG, "ok", TEMPLATE, List.of(), poster, "audience-1", null))
                .expectEvents(new BroadcastCreated(ID, ORG, "ok", TEMPLATE, List.of(), poster, "audience-1", null));
        assertThat(new BroadcastHeader("DOCUMENT", null, "1234567890", "programme.pdf").filename())
                .isEqualTo("programme.pdf");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new BroadcastHeader("AUDIO", "https://x/a.mp3", null,
                        null)).isInstanceOf(DomainRuleViolation.class)
                .hasMessage("a broadcast's header is an IMAGE, VIDEO or DOCUMENT, was AUDIO");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new BroadcastHeader("IMAGE", "https://x/a.jpg", "99",
                        null)).isInstanceOf(DomainRuleViolation.class)
                .hasMessage("a header's file is given by link or by mediaId, one of them");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new BroadcastHeader("IMAGE", null, null, null))
                .isInstanceOf(DomainRuleViolation.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new BroadcastHeader("IMAGE", "ftp://x/a.jpg", null,
                        null)).isInstanceOf(DomainRuleViolation.class).hasMessage("a header's link is an http(s) address");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new BroadcastHeader("IMAGE", "https://x/a.jpg", null,
                        "a.jpg")).isInstanceOf(DomainRuleViolation.class)
                .hasMessage("only a document header has a file name");
    }

    @Test
    void refusesABroadcastWithoutTemplate() {
        fixture.givenNoPriorActivity()
                .when(new CreateBroadcast(ID, ORG, "ok", null, List.of(), null, "audience-1", null))
                .expectException(DomainRuleViolation.class)
                .expectExceptionMessage("a broadcast names its template and language");
    }

    @Test
    void aTemplateHasAKnownCategory() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new BroadcastTemplate("t", "en", "PROMO"))
                .isInstanceOf(DomainRuleViolation.class)
                .hasMessage("a template's category is MARKETING, UTILITY or AUTHENTICATION, was PROMO");
        assertThat(new BroadcastTemplate("t", "en", "UTILITY").marketing()).isFalse();
    }

    @Test
    void isScheduledForALaterTimeAndMayBeRescheduled() {
        fixture.given(CREATED)
                .when(new ScheduleBroadcast(ID, ORG, NOW.plusSeconds(3600), NOW))
                .expectEvents(new BroadcastScheduled(ID, ORG, NOW.plusSeconds(3600)));
        fixture.given(CREATED, new BroadcastScheduled(ID, ORG, NOW.plusSeconds(3600)))
                .when(new ScheduleBroadcast(ID, ORG, NOW.plusSeconds(7200), NOW))
                .expectEvents(new BroadcastScheduled(ID, ORG, NOW.plusSeconds(7200)));
    }

    @Test
    void refusesAScheduleInThePastOrOnceSending() {
        fixture.given(CREATED)
                .when(new ScheduleBroadcast(ID, ORG, NOW.minusSeconds(1), NOW))
                .expectException(DomainRuleViolation.class)
                .expectExceptionMessage("a broadcast is scheduled for a time after now, was " + NOW.minusSeconds(1))
                .expectNoEvents();
        fixture.given(CREATED, STARTED)
                .when(new ScheduleBroadcast(ID, ORG, NOW.plusSeconds(60), NOW))
                .expectException(DomainRuleViolation.class)
                .expectExceptionMessage("a sending broadcast cannot be scheduled");
    }

    @Test
    void startsWithItsAudienceAndReservation() {
        fixture.given(CREATED)
                .when(new StartBroadcast(ID, 100, 3, "reservation-1", 5000))
                .expectEvents(STARTED)
                .expectState(broadcast -> assertThat(broadcast.status()).isEqualTo(BroadcastStatus.SENDING));
    }

    @Test
    void refusesToStartForNobodyTwiceOrWithoutAReservation() {
        fixture.given(CREATED)
                .when(new StartBroadcast(ID, 0, 7, "reservation-1", 0))
                .expectException(DomainRuleViolation.class)
                .expectExceptionMessage("the broadcast has nobody to send to");
        fixture.given(CREATED, STARTED)
                .when(new StartBroadcast(ID, 100, 3, "reservation-1", 5000))
                .expectException(DomainRuleViolation.class)
                .expectExceptionMessage("a sending broadcast cannot start");
        fixture.given(CREATED)
                .when(new StartBroadcast(ID, 10, 0, " ", 500))
                .expectException(DomainRuleViolation.class);
        fixture.given(CREATED)
                .when(new StartBroadcast(ID, 10, -1, "reservation-1", 500))
                .expectException(DomainRuleViolation.class)
                .expectExceptionMessage("suppressed recipients and reserved tokens cannot be negative");
    }

    @Test
    void completesWhenCapturedAndReleasedAddUpToTheReservation() {
        fixture.given(CREATED, STARTED)
                .when(new CompleteBroadcast(ID, 95, 2, 4750, 250))
                .expectEvents(new BroadcastCompleted(ID, ORG, 95, 2, 4750, 250));
        fixture.given(CREATED, STARTED, new BroadcastCompleted(ID, ORG, 95, 2, 4750, 250))
                .when(new CompleteBroadcast(ID, 95, 2, 4750, 250))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void refusesAnUnbalancedReservationOrCompletingWhatIsNotSending() {
        fixture.given(CREATED, STARTED)
                .when(new CompleteBroadcast(ID, 95, 2, 4750, 249))
                .expectException(DomainRuleViolation.class)
                .expectExceptionMessage("captured 4750 and released 249 tokens must add up to the 5000 reserved");
        fixture.given(CREATED)
                .when(new CompleteBroadcast(ID, 0, 0, 0, 0))
                .expectException(DomainRuleViolation.class)
                .expectExceptionMessage("a draft broadcast cannot complete");
    }

    @Test
    void isCancelledFromDraftScheduledOrSendingOnce() {
        fixture.given(CREATED, STARTED)
                .when(new CancelBroadcast(ID, ORG, " wrong audience "))
                .expectEvents(new BroadcastCancelled(ID, ORG, BroadcastStatus.SENDING, "wrong audience"));
        fixture.given(CREATED)
                .when(new CancelBroadcast(ID, ORG, null))
                .expectEvents(new BroadcastCancelled(ID, ORG, BroadcastStatus.DRAFT, null));
        fixture.given(CREATED, new BroadcastCancelled(ID, ORG, BroadcastStatus.DRAFT, null))
                .when(new CancelBroadcast(ID, ORG, "again"))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void refusesToCancelACompletedBroadcastOrToStartACancelledOne() {
        fixture.given(CREATED, STARTED, new BroadcastCompleted(ID, ORG, 100, 0, 5000, 0))
                .when(new CancelBroadcast(ID, ORG, "late"))
                .expectException(DomainRuleViolation.class)
                .expectExceptionMessage("a completed broadcast cannot be cancelled");
        fixture.given(CREATED, new BroadcastCancelled(ID, ORG, BroadcastStatus.DRAFT, null))
                .when(new StartBroadcast(ID, 10, 0, "reservation-1", 500))
                .expectException(DomainRuleViolation.class)
                .expectExceptionMessage("a cancelled broadcast cannot start");
    }

    @Test
    void anotherOrganizationCannotScheduleOrCancelIt() {
        fixture.given(CREATED)
                .when(new ScheduleBroadcast(ID, "org-2", NOW.plusSeconds(60), NOW))
                .expectException(DomainRuleViolation.class)
                .expectExceptionMessage("no broadcast " + ID + " in this organization")
                .expectNoEvents();
        fixture.given(CREATED)
                .when(new CancelBroadcast(ID, "org-2", "mine now"))
                .expectException(DomainRuleViolation.class)
                .expectNoEvents();
    }
}
