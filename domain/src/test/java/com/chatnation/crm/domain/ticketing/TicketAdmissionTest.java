package com.chatnation.crm.domain.ticketing;

import com.chatnation.crm.domain.common.DomainRuleViolation;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.hamcrest.CustomTypeSafeMatcher;
import org.hamcrest.Matcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;

/** A ticket at the door: admitted once, then refused with where and when it went in; never at another event. */
class TicketAdmissionTest {

    private static final String CODE = "TECH-VIP-7K3Q9M";
    private static final String ORG = "org-1";
    private static final String EVENT = "evt-techexpo";
    private static final String TYPE = "vip";
    private static final String STAFF = "user-gatekeeper";
    private static final Instant FIRST = Instant.parse("2030-04-01T09:41:00Z");
    private static final Instant LATER = Instant.parse("2030-04-01T10:05:00Z");

    private AggregateTestFixture<TicketAdmission> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(TicketAdmission.class);
    }

    private static AdmitTicket admit(String gate, Instant at) {
        return new AdmitTicket(CODE, ORG, EVENT, TYPE, gate, STAFF, at);
    }

    private static TicketAdmitted admitted() {
        return new TicketAdmitted(CODE, ORG, EVENT, TYPE, "Gate A", STAFF, FIRST);
    }

    private static Matcher<DomainRuleViolation> violation(String code) {
        return new CustomTypeSafeMatcher<>("DomainRuleViolation with code '" + code + "'") {
            @Override
            protected boolean matchesSafely(DomainRuleViolation item) {
                return code.equals(item.code());
            }
        };
    }

    @Test
    void theFirstScanAdmitsTheTicket() {
        fixture.givenNoPriorActivity()
                .when(admit(" Gate A ", FIRST))
                .expectSuccessfulHandlerExecution()
                .expectEvents(admitted())
                .expectResultMessagePayload(new AdmissionOutcome(true, FIRST, "Gate A"));
    }

    @Test
    void aSecondScanAdmitsNobodyAndTellsTheFirstGateAndTime() {
        fixture.given(admitted())
                .when(admit("Gate B", LATER))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents()
                .expectResultMessagePayload(new AdmissionOutcome(false, FIRST, "Gate A"));
    }

    @Test
    void theSameGateScanningAgainIsStillRefused() {
        fixture.given(admitted())
                .when(admit("Gate A", LATER))
                .expectNoEvents()
                .expectResultMessagePayload(new AdmissionOutcome(false, FIRST, "Gate A"));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"   ", "a gate name that is longer than forty chars", "Gate\u0000A", "Gate\nA"})
    void aGateIsNamedWithOneToFortyCharacters(String gate) {
        fixture.givenNoPriorActivity()
                .when(admit(gate, FIRST))
                .expectException(violation("invalid_gate"))
                .expectNoEvents();
    }

    @Test
    void fortyCharactersAreEnough() {
        String gate = "G".repeat(40);
        fixture.givenNoPriorActivity()
                .when(admit(gate, FIRST))
                .expectEvents(new TicketAdmitted(CODE, ORG, EVENT, TYPE, gate, STAFF, FIRST));
    }

    @Test
    void theCodeUsedAtAnotherEventIsRefused() {
        fixture.given(admitted())
                .when(new AdmitTicket(CODE, ORG, "evt-other", TYPE, "Gate A", STAFF, LATER))
                .expectException(violation("wrong_event"))
                .expectNoEvents();
    }

    @Test
    void theCodeUsedByAnotherOrganizationIsRefused() {
        fixture.given(admitted())
                .when(new AdmitTicket(CODE, "org-2", EVENT, TYPE, "Gate A", STAFF, LATER))
                .expectException(violation("wrong_event"))
                .expectNoEvents();
    }

    @Test
    void theTimeOfTheScanIsRequired() {
        fixture.givenNoPriorActivity()
                .when(admit("Gate A", null))
                .expectException(violation("missing_at"))
                .expectNoEvents();
    }

    @Test
    void theTicketsEventTypeAndWhoScannedItAreRequired() {
        fixture.givenNoPriorActivity()
                .when(new AdmitTicket(CODE, ORG, " ", TYPE, "Gate A", STAFF, FIRST))
                .expectException(violation("missing_event_id"));
        fixture.givenNoPriorActivity()
                .when(new AdmitTicket(CODE, ORG, EVENT, null, "Gate A", STAFF, FIRST))
                .expectException(violation("missing_ticket_type_id"));
        fixture.givenNoPriorActivity()
                .when(new AdmitTicket(CODE, null, EVENT, TYPE, "Gate A", STAFF, FIRST))
                .expectException(violation("missing_organization_id"));
        fixture.givenNoPriorActivity()
                .when(new AdmitTicket(CODE, ORG, EVENT, TYPE, "Gate A", "", FIRST))
                .expectException(violation("missing_staff_id"));
    }
}
