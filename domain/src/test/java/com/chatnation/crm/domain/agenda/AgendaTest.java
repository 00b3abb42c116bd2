package com.chatnation.crm.domain.agenda;

import com.chatnation.crm.domain.common.DomainRuleViolation;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.hamcrest.CustomTypeSafeMatcher;
import org.hamcrest.Matcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;

/**
 * An event's agenda (sessions, their times, rooms and panels), the organization's speakers and venues, and a contact's
 * reminder of a session: every rule and refusal.
 */
class AgendaTest {

    private static final String ORG = "org-1";
    private static final String EVENT = "evt-techexpo";
    private static final String AGENDA = Agenda.idOf(EVENT);
    private static final Instant NOW = Instant.parse("2030-04-01T06:00:00Z");
    private static final Instant NINE = Instant.parse("2030-04-01T09:00:00Z");
    private static final Instant TEN = Instant.parse("2030-04-01T10:00:00Z");
    private static final SessionDetails KEYNOTE = new SessionDetails("Keynote", "Where payments go next", NINE, TEN,
            "Hall A", 300, null);

    private static Matcher<DomainRuleViolation> violation(String code) {
        return new CustomTypeSafeMatcher<>("DomainRuleViolation with code '" + code + "'") {
            @Override
            protected boolean matchesSafely(DomainRuleViolation item) {
                return code.equals(item.code());
            }
        };
    }

    /** The organization's speakers and venues as the agenda looks them up. */
    static final class Directory implements AgendaDirectory {
        final Set<String> speakers = new HashSet<>(Set.of("spk-amina", "spk-otieno"));
        final Set<String> venues = new HashSet<>(Set.of("ven-kicc"));

        @Override
        public boolean speakerExists(String organizationId, String speakerId) {
            return ORG.equals(organizationId) && speakers.contains(speakerId);
        }

        @Override
        public boolean venueExists(String organizationId, String venueId) {
            return ORG.equals(organizationId) && venues.contains(venueId);
        }
    }

    private static AgendaOpened opened() {
        return new AgendaOpened(AGENDA, EVENT, ORG, "Africa/Nairobi", NOW);
    }

    private static SessionAdded keynoteAdded() {
        return new SessionAdded(AGENDA, EVENT, ORG, "ses-1", KEYNOTE, NOW);
    }

    @Nested
    class Sessions {

        private AggregateTestFixture<Agenda> fixture;

        @BeforeEach
        void setUp() {
            fixture = new AggregateTestFixture<>(Agenda.class);
            fixture.registerInjectableResource(new Directory());
        }

        @Test
        void theFirstSessionOpensTheAgendaInItsTimeZoneWithTheDetailsStripped() {
            fixture.givenNoPriorActivity()
                    .when(new AddSession(AGENDA, EVENT, ORG, "ses-1", new SessionDetails("  Keynote ",
                            " Where payments go next ", NINE, TEN, " Hall A ", 300, " "), "Africa/Nairobi", NOW))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(opened(), keynoteAdded());
        }

        @Test
        void anAgendaWithoutATimeZoneIsToldInNairobiTime() {
            fixture.givenNoPriorActivity()
                    .when(new AddSession(AGENDA, EVENT, ORG, "ses-1", KEYNOTE, null, NOW))
                    .expectEvents(new AgendaOpened(AGENDA, EVENT, ORG, Agenda.DEFAULT_TIME_ZONE, NOW), keynoteAdded());
        }

        @Test
        void aSecondSessionJoinsTheAgendaWithoutOpeningItAgain() {
            SessionDetails panel = new SessionDetails("Panel", null, TEN, TEN.plusSeconds(3600), null, null,
                    "ven-kicc");
            fixture.given(opened(), keynoteAdded())
                    .when(new AddSession(AGENDA, EVENT, ORG, "ses-2", panel, null, NOW))
                    .expectEvents(new SessionAdded(AGENDA, EVENT, ORG, "ses-2", panel, NOW));
        }

        @Test
        void aSessionEndingBeforeItStartsIsRefused() {
            fixture.givenNoPriorActivity()
                    .when(new AddSession(AGENDA, EVENT, ORG, "ses-1", new SessionDetails("Keynote", null, TEN, NINE,
                            null, null, null), null, NOW))
                    .expectException(violation("ends_before_start"));
        }

        @Test
        void aSessionEndingAsItStartsIsRefused() {
            fixture.givenNoPriorActivity()
                    .when(new AddSession(AGENDA, EVENT, ORG, "ses-1", new SessionDetails("Keynote", null, NINE, NINE,
                            null, null, null), null, NOW))
                    .expectException(violation("ends_before_start"));
        }

        @Test
        void aNegativeCapacityIsRefused() {
            fixture.givenNoPriorActivity()
                    .when(new AddSession(AGENDA, EVENT, ORG, "ses-1", new SessionDetails("Keynote", null, NINE, TEN,
                            null, -1, null), null, NOW))
                    .expectException(violation("invalid_capacity"));
        }

        @ParameterizedTest
        @ValueSource(strings = {"", "   "})
        void aSessionNeedsATitle(String title) {
            fixture.givenNoPriorActivity()
                    .when(new AddSession(AGENDA, EVENT, ORG, "ses-1", new SessionDetails(title, null, NINE, TEN,
                            null, null, null), null, NOW))
                    .expectException(violation("invalid_title"));
        }

        @Test
        void aSessionNeedsItsTimes() {
            fixture.givenNoPriorActivity()
                    .when(new AddSession(AGENDA, EVENT, ORG, "ses-1", new SessionDetails("Keynote", null, null, TEN,
                            null, null, null), null, NOW))
                    .expectException(violation("invalid_time"));
        }

        @Test
        void anUnknownVenueIsRefused() {
            fixture.givenNoPriorActivity()
                    .when(new AddSession(AGENDA, EVENT, ORG, "ses-1", new SessionDetails("Keynote", null, NINE, TEN,
                            null, null, "ven-elsewhere"), null, NOW))
                    .expectException(violation("unknown_venue"));
        }

        @Test
        void anUnknownTimeZoneIsRefused() {
            fixture.givenNoPriorActivity()
                    .when(new AddSession(AGENDA, EVENT, ORG, "ses-1", KEYNOTE, "Mars/Olympus", NOW))
                    .expectException(violation("invalid_time_zone"));
        }

        @Test
        void anotherTimeZoneThanTheAgendasIsRefused() {
            fixture.given(opened(), keynoteAdded())
                    .when(new AddSession(AGENDA, EVENT, ORG, "ses-2", KEYNOTE, "Europe/London", NOW))
                    .expectException(violation("time_zone_mismatch"));
        }

        @Test
        void anAgendaIdNotMadeOfItsEventIsRefused() {
            fixture.givenNoPriorActivity()
                    .when(new AddSession(EVENT, EVENT, ORG, "ses-1", KEYNOTE, null, NOW))
                    .expectException(violation("invalid_agenda_id"));
        }

        @Test
        void aSessionIdTakenIsRefused() {
            fixture.given(opened(), keynoteAdded())
                    .when(new AddSession(AGENDA, EVENT, ORG, "ses-1", KEYNOTE, null, NOW))
                    .expectException(violation("duplicate_session"));
        }

        @Test
        void anotherOrganizationFindsNoAgenda() {
            fixture.given(opened(), keynoteAdded())
                    .when(new AddSession(AGENDA, EVENT, "org-2", "ses-2", KEYNOTE, null, NOW))
                    .expectException(violation("not_found"));
        }

        @Test
        void movingASessionRecordsWhenItWasToStart() {
            SessionDetails moved = new SessionDetails("Keynote", "Where payments go next", TEN, TEN.plusSeconds(3600),
                    "Hall B", 300, null);
            fixture.given(opened(), keynoteAdded())
                    .when(new ChangeSession(AGENDA, ORG, "ses-1", moved, NOW))
                    .expectEvents(new SessionChanged(AGENDA, EVENT, ORG, "ses-1", moved, NINE, NOW));
        }

        @Test
        void changingNothingRecordsNothing() {
            fixture.given(opened(), keynoteAdded())
                    .when(new ChangeSession(AGENDA, ORG, "ses-1", KEYNOTE, NOW))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }

        @Test
        void aChangeIsHeldToTheSameRules() {
            fixture.given(opened(), keynoteAdded())
                    .when(new ChangeSession(AGENDA, ORG, "ses-1", new SessionDetails("Keynote", null, TEN, NINE, null,
                            null, null), NOW))
                    .expectException(violation("ends_before_start"));
        }

        @Test
        void anUnknownSessionIsNotFound() {
            fixture.given(opened(), keynoteAdded())
                    .when(new ChangeSession(AGENDA, ORG, "ses-9", KEYNOTE, NOW))
                    .expectException(violation("not_found"));
        }

        @Test
        void cancellingRecordsTheTitleAndStartForThoseToTell() {
            fixture.given(opened(), keynoteAdded())
                    .when(new CancelSession(AGENDA, ORG, "ses-1", NOW))
                    .expectEvents(new SessionCancelled(AGENDA, EVENT, ORG, "ses-1", "Keynote", NINE, NOW));
        }

        @Test
        void cancellingTwiceIsCancellingOnce() {
            fixture.given(opened(), keynoteAdded(), new SessionCancelled(AGENDA, EVENT, ORG, "ses-1", "Keynote", NINE,
                            NOW))
                    .when(new CancelSession(AGENDA, ORG, "ses-1", NOW))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }

        @Test
        void aCancelledSessionNoLongerChanges() {
            fixture.given(opened(), keynoteAdded(), new SessionCancelled(AGENDA, EVENT, ORG, "ses-1", "Keynote", NINE,
                            NOW))
                    .when(new ChangeSession(AGENDA, ORG, "ses-1", KEYNOTE, NOW))
                    .expectException(violation("session_cancelled"));
        }
    }

    @Nested
    class Panels {

        private AggregateTestFixture<Agenda> fixture;

        @BeforeEach
        void setUp() {
            fixture = new AggregateTestFixture<>(Agenda.class);
            fixture.registerInjectableResource(new Directory());
        }

        @Test
        void speakersMakeAPanelInTheOrderTheyWereAssigned() {
            fixture.given(opened(), keynoteAdded(), new SpeakerAssigned(AGENDA, EVENT, ORG, "ses-1", "spk-amina", 0,
                            NOW))
                    .when(new AssignSpeaker(AGENDA, ORG, "ses-1", "spk-otieno", NOW))
                    .expectEvents(new SpeakerAssigned(AGENDA, EVENT, ORG, "ses-1", "spk-otieno", 1, NOW));
        }

        @Test
        void assigningTwiceChangesNothing() {
            fixture.given(opened(), keynoteAdded(), new SpeakerAssigned(AGENDA, EVENT, ORG, "ses-1", "spk-amina", 0,
                            NOW))
                    .when(new AssignSpeaker(AGENDA, ORG, "ses-1", "spk-amina", NOW))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }

        @Test
        void anUnknownSpeakerIsRefused() {
            fixture.given(opened(), keynoteAdded())
                    .when(new AssignSpeaker(AGENDA, ORG, "ses-1", "spk-nobody", NOW))
                    .expectException(violation("unknown_speaker"));
        }

        @Test
        void aSpeakerGoesOnAnUnknownSessionOfNoAgenda() {
            fixture.given(opened(), keynoteAdded())
                    .when(new AssignSpeaker(AGENDA, ORG, "ses-9", "spk-amina", NOW))
                    .expectException(violation("not_found"));
        }

        @Test
        void aCancelledSessionTakesNoSpeakers() {
            fixture.given(opened(), keynoteAdded(), new SessionCancelled(AGENDA, EVENT, ORG, "ses-1", "Keynote", NINE,
                            NOW))
                    .when(new AssignSpeaker(AGENDA, ORG, "ses-1", "spk-amina", NOW))
                    .expectException(violation("session_cancelled"));
        }

        @Test
        void unassigningTakesTheSpeakerOffAndUnassigningAgainChangesNothing() {
            fixture.given(opened(), keynoteAdded(), new SpeakerAssigned(AGENDA, EVENT, ORG, "ses-1", "spk-amina", 0,
                            NOW))
                    .when(new UnassignSpeaker(AGENDA, ORG, "ses-1", "spk-amina", NOW))
                    .expectEvents(new SpeakerUnassigned(AGENDA, EVENT, ORG, "ses-1", "spk-amina", NOW));
            fixture.given(opened(), keynoteAdded())
                    .when(new UnassignSpeaker(AGENDA, ORG, "ses-1", "spk-amina", NOW))
                    .expectNoEvents();
        }
    }

    @Nested
    class Speakers {

        private AggregateTestFixture<Speaker> fixture;

        @BeforeEach
        void setUp() {
            fixture = new AggregateTestFixture<>(Speaker.class);
        }

        @Test
        void aSpeakerIsCreatedWithTheProfileStripped() {
            fixture.givenNoPriorActivity()
                    .when(new CreateSpeaker("spk-amina", ORG, new SpeakerProfile(" Amina Njeri ", " CTO ", " Acme ",
                            " "), NOW))
                    .expectEvents(new SpeakerCreated("spk-amina", ORG, new SpeakerProfile("Amina Njeri", "CTO", "Acme",
                            null), NOW));
        }

        @Test
        void aSpeakerNeedsAName() {
            fixture.givenNoPriorActivity()
                    .when(new CreateSpeaker("spk-amina", ORG, new SpeakerProfile(" ", "CTO", null, null), NOW))
                    .expectException(violation("invalid_name"));
        }

        @Test
        void aBioTooLongIsRefused() {
            fixture.givenNoPriorActivity()
                    .when(new CreateSpeaker("spk-amina", ORG, new SpeakerProfile("Amina", null, null,
                            "x".repeat(Speaker.MAX_BIO_LENGTH + 1)), NOW))
                    .expectException(violation("invalid_bio"));
        }

        @Test
        void aChangedProfileIsRecordedAndTheSameOneIsNot() {
            SpeakerCreated created = new SpeakerCreated("spk-amina", ORG, new SpeakerProfile("Amina", "CTO", "Acme",
                    null), NOW);
            SpeakerProfile promoted = new SpeakerProfile("Amina", "CEO", "Acme", null);
            fixture.given(created)
                    .when(new ChangeSpeaker("spk-amina", ORG, promoted, NOW))
                    .expectEvents(new SpeakerChanged("spk-amina", ORG, promoted, NOW));
            fixture.given(created)
                    .when(new ChangeSpeaker("spk-amina", ORG, created.profile(), NOW))
                    .expectNoEvents();
        }

        @Test
        void anotherOrganizationFindsNoSpeaker() {
            fixture.given(new SpeakerCreated("spk-amina", ORG, new SpeakerProfile("Amina", null, null, null), NOW))
                    .when(new ChangeSpeaker("spk-amina", "org-2", new SpeakerProfile("Eve", null, null, null), NOW))
                    .expectException(violation("not_found"));
        }
    }

    @Nested
    class Venues {

        private AggregateTestFixture<Venue> fixture;

        @BeforeEach
        void setUp() {
            fixture = new AggregateTestFixture<>(Venue.class);
        }

        @Test
        void aVenueIsSaved() {
            fixture.givenNoPriorActivity()
                    .when(new CreateVenue("ven-kicc", ORG, " KICC ", " Harambee Ave ", 5000, NOW))
                    .expectEvents(new VenueCreated("ven-kicc", ORG, "KICC", "Harambee Ave", 5000, NOW));
        }

        @Test
        void aNegativeCapacityIsRefused() {
            fixture.givenNoPriorActivity()
                    .when(new CreateVenue("ven-kicc", ORG, "KICC", null, -5, NOW))
                    .expectException(violation("invalid_capacity"));
        }

        @Test
        void anotherOrganizationCannotChangeIt() {
            fixture.given(new VenueCreated("ven-kicc", ORG, "KICC", null, null, NOW))
                    .when(new ChangeVenue("ven-kicc", "org-2", "Mine", null, null, NOW))
                    .expectException(violation("not_found"));
        }
    }

    @Nested
    class Reminders {

        private static final String CONTACT = "contact-1";
        private static final String REMINDER = SessionReminder.idOf("ses-1", CONTACT);
        private static final Duration LEAD = Duration.ofMinutes(15);

        private AggregateTestFixture<SessionReminder> fixture;

        @BeforeEach
        void setUp() {
            fixture = new AggregateTestFixture<>(SessionReminder.class);
        }

        private RequestReminder request(Instant startsAt, Instant at) {
            return new RequestReminder(REMINDER, ORG, EVENT, "ses-1", CONTACT, "conv-1", startsAt, LEAD, at);
        }

        private ReminderRequested requested() {
            return new ReminderRequested(REMINDER, ORG, EVENT, "ses-1", CONTACT, "conv-1", NINE, 900,
                    NINE.minus(LEAD), NOW);
        }

        @Test
        void aRequestSchedulesTheReminderTheLeadBeforeTheStart() {
            fixture.givenNoPriorActivity()
                    .when(request(NINE, NOW))
                    .expectEvents(requested())
                    .expectResultMessagePayload(ReminderOutcome.SCHEDULED);
        }

        @Test
        void aRequestInsideTheLeadIsDueAtOnce() {
            Instant late = NINE.minusSeconds(300);
            fixture.givenNoPriorActivity()
                    .when(request(NINE, late))
                    .expectEvents(new ReminderRequested(REMINDER, ORG, EVENT, "ses-1", CONTACT, "conv-1", NINE, 900,
                            late, late));
        }

        @Test
        void askingAgainChangesNothing() {
            fixture.given(requested())
                    .when(request(NINE, NOW))
                    .expectNoEvents()
                    .expectResultMessagePayload(ReminderOutcome.ALREADY_SCHEDULED);
        }

        @Test
        void aReminderForASessionThatStartedIsRefused() {
            fixture.givenNoPriorActivity()
                    .when(request(NINE, NINE))
                    .expectException(violation("session_started"));
        }

        @Test
        void aLeadOfMoreThanADayIsRefused() {
            fixture.givenNoPriorActivity()
                    .when(new RequestReminder(REMINDER, ORG, EVENT, "ses-1", CONTACT, "conv-1", NINE,
                            Duration.ofDays(2), NOW))
                    .expectException(violation("invalid_lead"));
        }

        @Test
        void anIdNotMadeOfSessionAndContactIsRefused() {
            fixture.givenNoPriorActivity()
                    .when(new RequestReminder("reminder-x", ORG, EVENT, "ses-1", CONTACT, "conv-1", NINE, LEAD, NOW))
                    .expectException(violation("invalid_reminder_id"));
        }

        @Test
        void cancellingAPendingReminderRecordsWhyAndCancellingAgainChangesNothing() {
            fixture.given(requested())
                    .when(new CancelReminder(REMINDER, ORG, ReminderCancelled.BY_CONTACT, NOW))
                    .expectEvents(new ReminderCancelled(REMINDER, ORG, EVENT, "ses-1", CONTACT,
                            ReminderCancelled.BY_CONTACT, NOW))
                    .expectResultMessagePayload(true);
            fixture.given(requested(), new ReminderCancelled(REMINDER, ORG, EVENT, "ses-1", CONTACT,
                            ReminderCancelled.BY_CONTACT, NOW))
                    .when(new CancelReminder(REMINDER, ORG, ReminderCancelled.BY_CONTACT, NOW))
                    .expectNoEvents()
                    .expectResultMessagePayload(false);
        }

        @Test
        void anUnknownReasonIsRefused() {
            fixture.given(requested())
                    .when(new CancelReminder(REMINDER, ORG, "bored", NOW))
                    .expectException(violation("invalid_reason"));
        }

        @Test
        void aCancelledReminderCanBeAskedForAgain() {
            fixture.given(requested(), new ReminderCancelled(REMINDER, ORG, EVENT, "ses-1", CONTACT,
                            ReminderCancelled.BY_CONTACT, NOW))
                    .when(request(NINE, NOW))
                    .expectEvents(requested())
                    .expectResultMessagePayload(ReminderOutcome.SCHEDULED);
        }

        @Test
        void theSendIsRecordedOnce() {
            ReminderSent sent = new ReminderSent(REMINDER, ORG, EVENT, "ses-1", CONTACT, "conv-1", "reply-1", NINE);
            fixture.given(requested())
                    .when(new RecordReminderSent(REMINDER, ORG, "reply-1", NINE))
                    .expectEvents(sent)
                    .expectResultMessagePayload(true);
            fixture.given(requested(), sent)
                    .when(new RecordReminderSent(REMINDER, ORG, "reply-2", NINE))
                    .expectNoEvents()
                    .expectResultMessagePayload(false);
        }

        @Test
        void aSentReminderIsNotAskedForAgainNorCancelled() {
            ReminderSent sent = new ReminderSent(REMINDER, ORG, EVENT, "ses-1", CONTACT, "conv-1", "reply-1", NINE);
            fixture.given(requested(), sent)
                    .when(request(NINE, NOW))
                    .expectNoEvents()
                    .expectResultMessagePayload(ReminderOutcome.ALREADY_SENT);
            fixture.given(requested(), sent)
                    .when(new CancelReminder(REMINDER, ORG, ReminderCancelled.BY_CONTACT, NOW))
                    .expectNoEvents()
                    .expectResultMessagePayload(false);
        }

        @Test
        void aCancelledReminderIsNotSent() {
            fixture.given(requested(), new ReminderCancelled(REMINDER, ORG, EVENT, "ses-1", CONTACT,
                            ReminderCancelled.SESSION_CANCELLED, NOW))
                    .when(new RecordReminderSent(REMINDER, ORG, "reply-1", NINE))
                    .expectException(violation("reminder_cancelled"));
        }

        @Test
        void anotherOrganizationFindsNoReminder() {
            fixture.given(requested())
                    .when(new CancelReminder(REMINDER, "org-2", ReminderCancelled.BY_CONTACT, NOW))
                    .expectException(violation("not_found"));
        }
    }
}
