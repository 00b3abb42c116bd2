package com.chatnation.crm.domain.exhibitor;

import com.chatnation.crm.domain.common.DomainRuleViolation;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;

import static com.chatnation.crm.domain.exhibitor.ExhibitorTest.violation;

/** One lead per visitor and exhibitor: captured once, a return recorded, products and notes only on a real lead. */
class LeadTest {

    private static final String ORG = "org-1";
    private static final String EXH = "exh-1";
    private static final String EVENT = "ev-1";
    private static final String CONTACT = "0b7c1f7e-7a0e-4c1e-9d1e-3f2a1b0c9d8e";
    private static final String LEAD = Lead.idOf(EXH, CONTACT);
    private static final Instant FIRST = Instant.parse("2030-04-01T09:41:00Z");
    private static final Instant LATER = Instant.parse("2030-04-01T14:05:00Z");

    private AggregateTestFixture<Lead> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Lead.class);
    }

    private static CaptureLead capture(Instant at) {
        return new CaptureLead(LEAD, EXH, ORG, EVENT, CONTACT, "+254712345678", " Jane ", "conv-1", at);
    }

    private static LeadCaptured captured() {
        return new LeadCaptured(LEAD, EXH, ORG, EVENT, CONTACT, "+254712345678", "Jane", "conv-1", FIRST);
    }

    @Test
    void theFirstCaptureCreatesTheLead() {
        fixture.givenNoPriorActivity()
                .when(capture(FIRST))
                .expectEvents(captured())
                .expectResultMessagePayload(LeadOutcome.CAPTURED);
    }

    @Test
    void aSecondVisitKeepsTheOneLeadAndRecordsTheReturn() {
        fixture.given(captured())
                .when(capture(LATER))
                .expectEvents(new LeadRevisited(LEAD, EXH, ORG, EVENT, CONTACT, LATER))
                .expectResultMessagePayload(LeadOutcome.REVISITED);
    }

    @Test
    void aLeadsIdIsMadeOfItsExhibitorAndContact() {
        fixture.givenNoPriorActivity()
                .when(new CaptureLead("exh-2:" + CONTACT, EXH, ORG, EVENT, CONTACT, "+254712345678", null, null, FIRST))
                .expectNoEvents()
                .expectException(violation("invalid_lead_id"));
    }

    @Test
    void anotherOrganizationCannotCaptureIntoTheLead() {
        fixture.given(captured())
                .when(new CaptureLead(LEAD, EXH, "org-2", EVENT, CONTACT, "+254712345678", null, null, LATER))
                .expectNoEvents()
                .expectException(violation("not_found"));
    }

    @Test
    void aLeadNeedsItsContact() {
        fixture.givenNoPriorActivity()
                .when(new CaptureLead(EXH + ":", EXH, ORG, EVENT, " ", null, null, null, FIRST))
                .expectNoEvents()
                .expectException(DomainRuleViolation.class);
    }

    @Test
    void aProductOfInterestIsRecordedOnce() {
        fixture.given(captured())
                .when(new RecordLeadInterest(LEAD, ORG, "p-cdn", "CDN Service", LATER))
                .expectEvents(new LeadInterestRecorded(LEAD, EXH, ORG, CONTACT, "p-cdn", "CDN Service", LATER))
                .expectResultMessagePayload(true);
        fixture.given(captured(), new LeadInterestRecorded(LEAD, EXH, ORG, CONTACT, "p-cdn", "CDN Service", LATER))
                .when(new RecordLeadInterest(LEAD, ORG, "p-cdn", "CDN Service", LATER))
                .expectNoEvents()
                .expectResultMessagePayload(false);
    }

    @Test
    void noProductOrNoteWithoutALead() {
        // the visitor never said yes: there is no lead to add to
        fixture.givenNoPriorActivity()
                .when(new RecordLeadInterest(LEAD, ORG, "p-cdn", "CDN Service", LATER))
                .expectException(AggregateNotFoundException.class);
        fixture.givenNoPriorActivity()
                .when(new AddLeadNote(LEAD, ORG, "hello", LATER))
                .expectException(AggregateNotFoundException.class);
    }

    @Test
    void aNoteIsKeptStripped() {
        fixture.given(captured())
                .when(new AddLeadNote(LEAD, ORG, "  call me after 5pm ", LATER))
                .expectEvents(new LeadNoteAdded(LEAD, EXH, ORG, CONTACT, "call me after 5pm", LATER));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"   "})
    void aNoteIsNotBlank(String note) {
        fixture.given(captured())
                .when(new AddLeadNote(LEAD, ORG, note, LATER))
                .expectException(violation("invalid_note"));
    }

    @Test
    void aNoteOfMoreThan500CharactersIsRefused() {
        fixture.given(captured())
                .when(new AddLeadNote(LEAD, ORG, "x".repeat(501), LATER))
                .expectException(violation("invalid_note"));
    }

    @Test
    void anotherOrganizationCannotAddANote() {
        fixture.given(captured())
                .when(new AddLeadNote(LEAD, "org-2", "mine", LATER))
                .expectException(violation("not_found"));
    }

    @Test
    void staffMoveALeadAlongItsFollowUp() {
        fixture.given(captured())
                .when(new MoveLeadStage(LEAD, ORG, LeadStage.CONTACTED, "user-exh", LATER))
                .expectEvents(new LeadStageChanged(LEAD, EXH, ORG, CONTACT, LeadStage.CONTACTED, LeadStage.NEW,
                        "user-exh", LATER))
                .expectResultMessagePayload(true);
        fixture.given(captured(), new LeadStageChanged(LEAD, EXH, ORG, CONTACT, LeadStage.CONTACTED, LeadStage.NEW,
                        "user-exh", LATER))
                .when(new MoveLeadStage(LEAD, ORG, LeadStage.WON, "user-exh", LATER.plusSeconds(60)))
                .expectEvents(new LeadStageChanged(LEAD, EXH, ORG, CONTACT, LeadStage.WON, LeadStage.CONTACTED,
                        "user-exh", LATER.plusSeconds(60)));
    }

    @Test
    void movingALeadToTheStageItIsAtChangesNothing() {
        fixture.given(captured())
                .when(new MoveLeadStage(LEAD, ORG, LeadStage.NEW, "user-exh", LATER))
                .expectNoEvents()
                .expectResultMessagePayload(false);
    }

    @Test
    void aMoveNeedsAStageWhoAndTheOrganizationsOwnLead() {
        fixture.given(captured())
                .when(new MoveLeadStage(LEAD, ORG, null, "user-exh", LATER))
                .expectException(violation("missing_stage"));
        fixture.given(captured())
                .when(new MoveLeadStage(LEAD, ORG, LeadStage.LOST, " ", LATER))
                .expectException(DomainRuleViolation.class);
        fixture.given(captured())
                .when(new MoveLeadStage(LEAD, "org-2", LeadStage.LOST, "user-exh", LATER))
                .expectException(violation("not_found"));
        fixture.givenNoPriorActivity()
                .when(new MoveLeadStage(LEAD, ORG, LeadStage.LOST, "user-exh", LATER))
                .expectException(AggregateNotFoundException.class);
    }

    @Test
    void stagesAreReadInAnyCaseAndUnknownOnesRefused() {
        org.assertj.core.api.Assertions.assertThat(LeadStage.parse(" Qualified ")).isEqualTo(LeadStage.QUALIFIED);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> LeadStage.parse("hot"))
                .isInstanceOf(DomainRuleViolation.class).hasMessageContaining("new, contacted, qualified, won, lost");
    }
}
