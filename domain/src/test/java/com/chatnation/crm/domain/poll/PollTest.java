package com.chatnation.crm.domain.poll;

import com.chatnation.crm.domain.common.DomainRuleViolation;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.TestExecutor;
import org.hamcrest.CustomTypeSafeMatcher;
import org.hamcrest.Matcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

/** The poll aggregate: creation rules, every vote outcome, closing by staff and at the closing time. */
class PollTest {

    private static final String POLL = "poll-1";
    private static final String ORG = "org-1";
    private static final String OTHER_ORG = "org-2";
    private static final String JANE = "contact-jane";
    private static final String JOHN = "contact-john";
    private static final String QUESTION = "What topic next?";
    private static final List<String> LABELS = List.of("AI", "Cloud", "Security");
    private static final List<PollOption> OPTIONS = List.of(new PollOption("1", "AI"), new PollOption("2", "Cloud"),
            new PollOption("3", "Security"));
    private static final Instant REQUESTED = Instant.parse("2026-11-01T09:00:00Z");
    private static final Instant OPENS = Instant.parse("2026-11-02T08:00:00Z");
    private static final Instant CLOSES = Instant.parse("2026-11-09T08:00:00Z");
    /** While the poll is open. */
    private static final Instant DURING = Instant.parse("2026-11-05T12:00:00Z");
    /** When staff closed it early (in the scenarios that say so). */
    private static final Instant STAFF_CLOSED = Instant.parse("2026-11-06T12:00:00Z");

    private AggregateTestFixture<Poll> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Poll.class);
    }

    // ---- commands, events and matchers ---------------------------------------------------------------------------

    private static CreatePoll create(String question, List<String> options, Instant opensAt, Instant closesAt,
                                     String keyword) {
        return new CreatePoll(POLL, ORG, question, options, opensAt, closesAt, true, keyword, null, REQUESTED);
    }

    private static CreatePoll createWithOptions(List<String> options) {
        return create(QUESTION, options, OPENS, CLOSES, "vote");
    }

    private static CreatePoll createClosingAt(Instant opensAt, Instant closesAt) {
        return create(QUESTION, LABELS, opensAt, closesAt, "vote");
    }

    private static PollCreated created(boolean votesChangeable) {
        return new PollCreated(POLL, ORG, QUESTION, OPTIONS, OPENS, CLOSES, votesChangeable, "vote", null, REQUESTED);
    }

    /** Open from {@link #OPENS} with no closing time. */
    private static PollCreated createdOpenEnded() {
        return new PollCreated(POLL, ORG, QUESTION, OPTIONS, OPENS, null, true, "vote", null, REQUESTED);
    }

    private static CastVote vote(String contact, String optionId, Instant at) {
        return new CastVote(POLL, ORG, contact, optionId, at);
    }

    private static VoteCast cast(String contact, String optionId, Instant at) {
        return new VoteCast(POLL, ORG, contact, optionId, at);
    }

    private static PollClosed closedByStaff(Instant at) {
        return new PollClosed(POLL, ORG, at, PollClosed.BY_STAFF);
    }

    private static VoteOutcome outcome(VoteOutcome.Result result, String label, String previous) {
        return new VoteOutcome(result, QUESTION, label, previous, OPENS, CLOSES);
    }

    private static Matcher<DomainRuleViolation> violation(String code) {
        return new CustomTypeSafeMatcher<>("DomainRuleViolation with code '" + code + "'") {
            @Override
            protected boolean matchesSafely(DomainRuleViolation item) {
                return code.equals(item.code());
            }
        };
    }

    /** The creation is refused with this code and message, and nothing is recorded or scheduled. */
    private void refusesCreation(CreatePoll command, String code, String message) {
        fixture.givenNoPriorActivity()
                .when(command)
                .expectException(DomainRuleViolation.class)
                .expectException(violation(code))
                .expectExceptionMessage(message)
                .expectNoEvents()
                .expectNoScheduledDeadlines();
    }

    private static String repeat(char c, int times) {
        return String.valueOf(c).repeat(times);
    }

    // ---- creating -------------------------------------------------------------------------------------------------

    @Nested
    class Creating {

        @Test
        void recordsTheStrippedQuestionNumberedStrippedOptionsAndNormalizedKeyword() {
            fixture.givenNoPriorActivity()
                    .when(new CreatePoll(POLL, ORG, "  What topic next?\n", List.of("  AI ", "Cloud", "\tSecurity  "),
                            OPENS, CLOSES, true, "  Tech   VOTE\t2026 ", " session-9 ", REQUESTED))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(new PollCreated(POLL, ORG, QUESTION, OPTIONS, OPENS, CLOSES, true,
                            "tech vote 2026", "session-9", REQUESTED));
        }

        @Test
        void schedulesTheClosingDeadlineAtTheClosingTime() {
            fixture.givenNoPriorActivity()
                    .when(createClosingAt(OPENS, CLOSES))
                    .expectScheduledDeadlineWithName(CLOSES, Poll.CLOSING_DEADLINE)
                    .expectNoScheduledDeadlineWithName(CLOSES.minusMillis(1), Poll.CLOSING_DEADLINE);
        }

        @Test
        void opensAtTheRequestTimeWhenNoOpeningIsGivenAndSchedulesNothingWithoutAClosingTime() {
            fixture.givenNoPriorActivity()
                    .when(new CreatePoll(POLL, ORG, QUESTION, LABELS, null, null, false, null, "  ", REQUESTED))
                    .expectEvents(new PollCreated(POLL, ORG, QUESTION, OPTIONS, REQUESTED, null, false, null, null,
                            REQUESTED))
                    .expectNoScheduledDeadlines();
        }

        @Test
        void aBlankKeywordMeansNone() {
            fixture.givenNoPriorActivity()
                    .when(create(QUESTION, LABELS, OPENS, CLOSES, "   "))
                    .expectEvents(new PollCreated(POLL, ORG, QUESTION, OPTIONS, OPENS, CLOSES, true, null, null,
                            REQUESTED));
        }

        @Test
        void numbersTenOptionsFromOneToTen() {
            List<String> labels = IntStream.rangeClosed(1, 10).mapToObj(i -> "Option " + (char) ('A' + i - 1))
                    .toList();
            List<PollOption> options = IntStream.rangeClosed(1, 10)
                    .mapToObj(i -> new PollOption(Integer.toString(i), "Option " + (char) ('A' + i - 1))).toList();
            fixture.givenNoPriorActivity()
                    .when(createWithOptions(labels))
                    .expectEvents(new PollCreated(POLL, ORG, QUESTION, options, OPENS, CLOSES, true, "vote", null,
                            REQUESTED));
        }

        @Test
        void acceptsTwoOptionsALabelOfTwentyFourCharactersAndAQuestionOf1024() {
            String question = repeat('q', Poll.MAX_QUESTION_LENGTH);
            String longLabel = repeat('x', Poll.MAX_LABEL_LENGTH);
            fixture.givenNoPriorActivity()
                    .when(create("  " + question + "  ", List.of("Yes", " " + longLabel + " "), OPENS, CLOSES,
                            null))
                    .expectEvents(new PollCreated(POLL, ORG, question,
                            List.of(new PollOption("1", "Yes"), new PollOption("2", longLabel)), OPENS, CLOSES,
                            true, null, null, REQUESTED));
        }

        @Test
        void acceptsAKeywordOfThirtyCharactersWithDigitsDashesAndUnderscores() {
            String keyword = "9a-b_c " + repeat('z', 23);
            assertThat(keyword).hasSize(30);
            fixture.givenNoPriorActivity()
                    .when(create(QUESTION, LABELS, OPENS, CLOSES, keyword.toUpperCase()))
                    .expectEvents(new PollCreated(POLL, ORG, QUESTION, OPTIONS, OPENS, CLOSES, true, keyword, null,
                            REQUESTED));
        }

        @Test
        void aClosingTimeJustAfterTheOpeningIsAccepted() {
            fixture.givenNoPriorActivity()
                    .when(createClosingAt(OPENS, OPENS.plusMillis(1)))
                    .expectSuccessfulHandlerExecution()
                    .expectScheduledDeadlineWithName(OPENS.plusMillis(1), Poll.CLOSING_DEADLINE);
        }
    }

    @Nested
    class CreationRefusals {

        @ParameterizedTest
        @NullAndEmptySource
        @ValueSource(strings = {"   ", "\n\t"})
        void refusesAMissingQuestion(String question) {
            refusesCreation(create(question, LABELS, OPENS, CLOSES, "vote"), "missing_question",
                    "the poll's question is required");
        }

        @Test
        void refusesAQuestionLongerThan1024Characters() {
            refusesCreation(create(repeat('q', 1025), LABELS, OPENS, CLOSES, "vote"), "question_too_long",
                    "the question takes at most 1024 characters, got 1025");
        }

        @Test
        void refusesMissingOptions() {
            refusesCreation(createWithOptions(null), "invalid_options", "a poll offers 2 to 10 options, got 0");
        }

        @Test
        void refusesFewerThanTwoOptions() {
            refusesCreation(createWithOptions(List.of("AI")), "invalid_options",
                    "a poll offers 2 to 10 options, got 1");
        }

        @Test
        void refusesMoreThanTenOptions() {
            List<String> eleven = IntStream.rangeClosed(1, 11).mapToObj(i -> "Option " + i).toList();
            refusesCreation(createWithOptions(eleven), "invalid_options", "a poll offers 2 to 10 options, got 11");
        }

        @Test
        void refusesABlankOption() {
            refusesCreation(createWithOptions(List.of("AI", "  ", "Security")), "invalid_options",
                    "option 2 is empty");
        }

        @Test
        void refusesANullOption() {
            refusesCreation(createWithOptions(Arrays.asList("AI", "Cloud", null)), "invalid_options",
                    "option 3 is empty");
        }

        @Test
        void refusesAnOptionLongerThan24Characters() {
            String label = repeat('x', 25);
            refusesCreation(createWithOptions(List.of("AI", label)), "invalid_options",
                    "option '" + label + "' is longer than 24 characters, which WhatsApp cannot show");
        }

        @Test
        void refusesTheSameOptionTwiceWhateverItsCase() {
            refusesCreation(createWithOptions(List.of("AI", "Cloud", " ai ")), "invalid_options",
                    "option 'ai' is offered twice");
        }

        @Test
        void refusesAClosingTimeAtTheOpening() {
            refusesCreation(createClosingAt(OPENS, OPENS), "closes_before_opening",
                    "the poll must close after it opens");
        }

        @Test
        void refusesAClosingTimeBeforeTheOpening() {
            refusesCreation(createClosingAt(OPENS, OPENS.minusSeconds(1)), "closes_before_opening",
                    "the poll must close after it opens");
        }

        @Test
        void refusesAClosingTimeAtTheRequestWhenItOpensAtOnceAsAlreadyPassed() {
            refusesCreation(createClosingAt(null, REQUESTED), "closes_in_the_past",
                    "the poll's closing time has already passed");
        }

        @Test
        void refusesAClosingTimeInThePast() {
            refusesCreation(createClosingAt(REQUESTED.minus(Duration.ofDays(2)), REQUESTED.minus(Duration.ofDays(1))),
                    "closes_in_the_past", "the poll's closing time has already passed");
        }

        @Test
        void refusesAClosingTimeAtTheMomentOfTheRequest() {
            refusesCreation(createClosingAt(REQUESTED.minus(Duration.ofDays(2)), REQUESTED), "closes_in_the_past",
                    "the poll's closing time has already passed");
        }

        @ParameterizedTest
        @ValueSource(strings = {"-vote", "_vote", "vote!", "vote#1", "vote?", "aaaaaaaaaabbbbbbbbbbcccccccccc1"})
        void refusesAnInvalidKeyword(String keyword) {
            refusesCreation(create(QUESTION, LABELS, OPENS, CLOSES, keyword), "invalid_keyword",
                    "a keyword is 1 to 30 letters, digits, spaces, '-' or '_', starting with a letter or digit");
        }

        @Test
        void refusesAMissingOrganization() {
            refusesCreation(new CreatePoll(POLL, " ", QUESTION, LABELS, OPENS, CLOSES, true, "vote", null,
                    REQUESTED), "missing_organization_id", "organization id is required");
        }
    }

    // ---- voting ---------------------------------------------------------------------------------------------------

    @Nested
    class Voting {

        @Test
        void aFirstVoteIsCounted() {
            fixture.given(created(true))
                    .when(vote(JANE, "2", DURING))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(cast(JANE, "2", DURING))
                    .expectResultMessagePayload(outcome(VoteOutcome.Result.COUNTED, "Cloud", null));
        }

        @Test
        void aVoteAtTheOpeningInstantIsCounted() {
            fixture.given(created(true))
                    .when(vote(JANE, "1", OPENS))
                    .expectEvents(cast(JANE, "1", OPENS))
                    .expectResultMessagePayload(outcome(VoteOutcome.Result.COUNTED, "AI", null));
        }

        @Test
        void aVoteJustBeforeTheClosingTimeIsCounted() {
            fixture.given(created(true))
                    .when(vote(JANE, "3", CLOSES.minusMillis(1)))
                    .expectEvents(cast(JANE, "3", CLOSES.minusMillis(1)))
                    .expectResultMessagePayload(outcome(VoteOutcome.Result.COUNTED, "Security", null));
        }

        @Test
        void eachContactHasAVoteOfTheirOwn() {
            fixture.given(created(false), cast(JANE, "2", DURING))
                    .when(vote(JOHN, "2", DURING.plusSeconds(1)))
                    .expectEvents(cast(JOHN, "2", DURING.plusSeconds(1)))
                    .expectResultMessagePayload(outcome(VoteOutcome.Result.COUNTED, "Cloud", null));
        }

        @Test
        void theSameOptionAgainChangesNothing() {
            fixture.given(created(true), cast(JANE, "2", DURING))
                    .when(vote(JANE, "2", DURING.plusSeconds(60)))
                    .expectNoEvents()
                    .expectResultMessagePayload(outcome(VoteOutcome.Result.UNCHANGED, "Cloud", null));
        }

        @Test
        void theSameOptionAgainIsUnchangedEvenWhenVotesCannotChange() {
            fixture.given(created(false), cast(JANE, "2", DURING))
                    .when(vote(JANE, "2", DURING.plusSeconds(60)))
                    .expectNoEvents()
                    .expectResultMessagePayload(outcome(VoteOutcome.Result.UNCHANGED, "Cloud", null));
        }

        @Test
        void anotherOptionMovesTheVoteWhenVotesAreChangeable() {
            Instant later = DURING.plusSeconds(60);
            fixture.given(created(true), cast(JANE, "1", DURING))
                    .when(vote(JANE, "2", later))
                    .expectEvents(new VoteChanged(POLL, ORG, JANE, "1", "2", later))
                    .expectResultMessagePayload(outcome(VoteOutcome.Result.CHANGED, "Cloud", "AI"));
        }

        @Test
        void aChangedVoteCountsForItsNewOption() {
            Instant later = DURING.plusSeconds(120);
            fixture.given(created(true), cast(JANE, "1", DURING),
                            new VoteChanged(POLL, ORG, JANE, "1", "2", DURING.plusSeconds(60)))
                    .when(vote(JANE, "3", later))
                    .expectEvents(new VoteChanged(POLL, ORG, JANE, "2", "3", later))
                    .expectResultMessagePayload(outcome(VoteOutcome.Result.CHANGED, "Security", "Cloud"));
        }

        @Test
        void votingForTheNewOptionAgainAfterAChangeIsUnchanged() {
            fixture.given(created(true), cast(JANE, "1", DURING),
                            new VoteChanged(POLL, ORG, JANE, "1", "2", DURING.plusSeconds(60)))
                    .when(vote(JANE, "2", DURING.plusSeconds(120)))
                    .expectNoEvents()
                    .expectResultMessagePayload(outcome(VoteOutcome.Result.UNCHANGED, "Cloud", null));
        }

        @Test
        void anotherOptionIsRefusedPolitelyWhenVotesCannotChange() {
            fixture.given(created(false), cast(JANE, "1", DURING))
                    .when(vote(JANE, "2", DURING.plusSeconds(60)))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents()
                    .expectResultMessagePayload(outcome(VoteOutcome.Result.CHANGE_NOT_ALLOWED, "Cloud", "AI"));
        }

        @ParameterizedTest
        @ValueSource(strings = {"4", "0", "", "AI", "poll:poll-1:1"})
        void anOptionThePollDoesNotOfferIsUnknown(String optionId) {
            fixture.given(created(true))
                    .when(vote(JANE, optionId, DURING))
                    .expectNoEvents()
                    .expectResultMessagePayload(outcome(VoteOutcome.Result.UNKNOWN_OPTION, null, null));
        }

        @Test
        void aVoteBeforeTheOpeningIsNotOpenYet() {
            fixture.given(created(true))
                    .when(vote(JANE, "2", OPENS.minusMillis(1)))
                    .expectNoEvents()
                    .expectResultMessagePayload(outcome(VoteOutcome.Result.NOT_OPEN_YET, "Cloud", null));
        }

        @Test
        void aVoteAtTheClosingTimeIsClosedEvenBeforePollClosedIsRecorded() {
            fixture.given(created(true))
                    .when(vote(JANE, "2", CLOSES))
                    .expectNoEvents()
                    .expectResultMessagePayload(outcome(VoteOutcome.Result.CLOSED, "Cloud", null));
        }

        @Test
        void aVoteAfterTheClosingTimeIsClosed() {
            fixture.given(created(true), new PollClosed(POLL, ORG, CLOSES, PollClosed.SCHEDULED))
                    .when(vote(JANE, "2", CLOSES.plusSeconds(1)))
                    .expectNoEvents()
                    .expectResultMessagePayload(outcome(VoteOutcome.Result.CLOSED, "Cloud", null));
        }

        @Test
        void aVoteSentBeforeTheClosingTimeButHandledAfterTheScheduledCloseCounts() {
            Instant sent = CLOSES.minusSeconds(30);
            fixture.given(created(true), new PollClosed(POLL, ORG, CLOSES, PollClosed.SCHEDULED))
                    .when(vote(JANE, "2", sent))
                    .expectEvents(cast(JANE, "2", sent))
                    .expectResultMessagePayload(outcome(VoteOutcome.Result.COUNTED, "Cloud", null));
        }

        @Test
        void aVoteAfterStaffClosedThePollIsClosedAndNamesWhenItClosed() {
            fixture.given(created(true), closedByStaff(STAFF_CLOSED))
                    .when(vote(JANE, "2", STAFF_CLOSED.plusSeconds(1)))
                    .expectNoEvents()
                    .expectResultMessagePayload(new VoteOutcome(VoteOutcome.Result.CLOSED, QUESTION, "Cloud", null,
                            OPENS, STAFF_CLOSED));
        }

        @Test
        void aVoteAtTheInstantStaffClosedThePollIsClosed() {
            fixture.given(created(true), closedByStaff(STAFF_CLOSED))
                    .when(vote(JANE, "2", STAFF_CLOSED))
                    .expectNoEvents()
                    .expectResultMessagePayloadMatching(new CustomTypeSafeMatcher<VoteOutcome>("a CLOSED outcome") {
                        @Override
                        protected boolean matchesSafely(VoteOutcome item) {
                            return item.result() == VoteOutcome.Result.CLOSED;
                        }
                    });
        }

        @Test
        void aVoteSentBeforeAStaffCloseButHandledAfterItCounts() {
            Instant sent = STAFF_CLOSED.minusSeconds(60);
            fixture.given(created(true), closedByStaff(STAFF_CLOSED))
                    .when(vote(JANE, "2", sent))
                    .expectEvents(cast(JANE, "2", sent))
                    .expectResultMessagePayload(new VoteOutcome(VoteOutcome.Result.COUNTED, QUESTION, "Cloud", null,
                            OPENS, STAFF_CLOSED));
        }

        @Test
        void aChangeAfterStaffClosedThePollIsNotRecorded() {
            fixture.given(created(true), cast(JANE, "1", DURING), closedByStaff(STAFF_CLOSED))
                    .when(vote(JANE, "2", STAFF_CLOSED.plusSeconds(1)))
                    .expectNoEvents()
                    .expectResultMessagePayload(new VoteOutcome(VoteOutcome.Result.CLOSED, QUESTION, "Cloud", null,
                            OPENS, STAFF_CLOSED));
        }

        @Test
        void anOpenEndedPollCountsVotesLongAfterItOpened() {
            Instant muchLater = OPENS.plus(Duration.ofDays(3650));
            fixture.given(createdOpenEnded())
                    .when(vote(JANE, "3", muchLater))
                    .expectEvents(cast(JANE, "3", muchLater))
                    .expectResultMessagePayload(new VoteOutcome(VoteOutcome.Result.COUNTED, QUESTION, "Security",
                            null, OPENS, null));
        }

        @Test
        void anOpenEndedPollClosedByStaffIsClosedFromThen() {
            fixture.given(createdOpenEnded(), closedByStaff(STAFF_CLOSED))
                    .when(vote(JANE, "3", STAFF_CLOSED.plusSeconds(1)))
                    .expectNoEvents()
                    .expectResultMessagePayload(new VoteOutcome(VoteOutcome.Result.CLOSED, QUESTION, "Security",
                            null, OPENS, STAFF_CLOSED));
        }

        @Test
        void anotherOrganizationsVoteIsAnsweredAsIfThereWereNoSuchPoll() {
            fixture.given(created(true))
                    .when(new CastVote(POLL, OTHER_ORG, JANE, "2", DURING))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents()
                    .expectResultMessagePayload(new VoteOutcome(VoteOutcome.Result.UNKNOWN_POLL, null, null, null,
                            null, null));
        }

        @Test
        void anotherOrganizationsVoteLeavesTheContactFreeToVote() {
            fixture.given(created(true))
                    .andGivenCommands(new CastVote(POLL, OTHER_ORG, JANE, "1", DURING))
                    .when(vote(JANE, "2", DURING.plusSeconds(1)))
                    .expectEvents(cast(JANE, "2", DURING.plusSeconds(1)))
                    .expectResultMessagePayload(outcome(VoteOutcome.Result.COUNTED, "Cloud", null));
        }

        @Test
        void refusesAVoteWithoutAContact() {
            fixture.given(created(true))
                    .when(vote(" ", "2", DURING))
                    .expectException(violation("missing_contact_id"))
                    .expectExceptionMessage("contact id is required")
                    .expectNoEvents();
        }
    }

    @Nested
    class Outcomes {

        @ParameterizedTest
        @EnumSource(value = VoteOutcome.Result.class, names = {"COUNTED", "CHANGED", "UNCHANGED"})
        void countsForCountedChangedAndUnchanged(VoteOutcome.Result result) {
            assertThat(result.counts()).isTrue();
        }

        @ParameterizedTest
        @EnumSource(value = VoteOutcome.Result.class, names = {"COUNTED", "CHANGED", "UNCHANGED"},
                mode = EnumSource.Mode.EXCLUDE)
        void doesNotCountForTheOthers(VoteOutcome.Result result) {
            assertThat(result.counts()).isFalse();
        }

        @Test
        void anUnknownPollNamesNothing() {
            assertThat(VoteOutcome.unknownPoll())
                    .isEqualTo(new VoteOutcome(VoteOutcome.Result.UNKNOWN_POLL, null, null, null, null, null));
        }
    }

    // ---- closing --------------------------------------------------------------------------------------------------

    @Nested
    class ClosingByStaff {

        @Test
        void refusesASecondCloseEvenDatedBeforeTheFirst() {
            fixture.given(created(true), closedByStaff(STAFF_CLOSED))
                    .when(new ClosePoll(POLL, ORG, DURING))
                    .expectException(violation("poll_closed"))
                    .expectNoEvents();
        }

        @Test
        void aPollClosedBeforeItOpenedAnswersClosedRatherThanNotOpenYet() {
            fixture.given(created(true), closedByStaff(REQUESTED.plusSeconds(60)))
                    .when(vote(JANE, "1", OPENS.minusSeconds(60)))
                    .expectResultMessagePayload(new VoteOutcome(VoteOutcome.Result.CLOSED, QUESTION, "AI", null, OPENS,
                            REQUESTED.plusSeconds(60)))
                    .expectNoEvents();
        }

        @Test
        void recordsTheClose() {
            fixture.given(created(true))
                    .when(new ClosePoll(POLL, ORG, STAFF_CLOSED))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(new PollClosed(POLL, ORG, STAFF_CLOSED, "closed"));
        }

        @Test
        void anOpenEndedPollCanBeClosed() {
            fixture.given(createdOpenEnded(), cast(JANE, "1", DURING))
                    .when(new ClosePoll(POLL, ORG, STAFF_CLOSED))
                    .expectEvents(new PollClosed(POLL, ORG, STAFF_CLOSED, PollClosed.BY_STAFF));
        }

        @Test
        void refusesAnotherOrganization() {
            fixture.given(created(true))
                    .when(new ClosePoll(POLL, OTHER_ORG, STAFF_CLOSED))
                    .expectException(DomainRuleViolation.class)
                    .expectException(violation("unknown_poll"))
                    .expectExceptionMessage("no poll poll-1 in this organization")
                    .expectNoEvents();
        }

        @Test
        void refusesAPollAlreadyClosedByStaff() {
            fixture.given(created(true), closedByStaff(STAFF_CLOSED))
                    .when(new ClosePoll(POLL, ORG, STAFF_CLOSED.plusSeconds(60)))
                    .expectException(DomainRuleViolation.class)
                    .expectException(violation("poll_closed"))
                    .expectExceptionMessage("the poll closed at " + STAFF_CLOSED)
                    .expectNoEvents();
        }

        @Test
        void refusesAPollAtItsClosingTimeEvenBeforePollClosedIsRecorded() {
            fixture.given(created(true))
                    .when(new ClosePoll(POLL, ORG, CLOSES))
                    .expectException(violation("poll_closed"))
                    .expectExceptionMessage("the poll closed at " + CLOSES)
                    .expectNoEvents();
        }

        @Test
        void refusesAPollPastItsClosingTime() {
            fixture.given(created(true), new PollClosed(POLL, ORG, CLOSES, PollClosed.SCHEDULED))
                    .when(new ClosePoll(POLL, ORG, CLOSES.plus(Duration.ofDays(1))))
                    .expectException(DomainRuleViolation.class)
                    .expectException(violation("poll_closed"))
                    .expectExceptionMessage(containsString(CLOSES.toString()))
                    .expectNoEvents();
        }
    }

    @Nested
    class ClosingTime {

        private TestExecutor<Poll> createdByCommand(Object... moreCommands) {
            List<Object> commands = new ArrayList<>();
            commands.add(new CreatePoll(POLL, ORG, QUESTION, LABELS, OPENS, CLOSES, true, "vote", null, REQUESTED));
            commands.addAll(List.of(moreCommands));
            return fixture.givenCurrentTime(REQUESTED).andGivenCommands(commands);
        }

        @Test
        void recordsTheScheduledCloseAtTheClosingTime() {
            createdByCommand()
                    .whenTimeElapses(Duration.between(REQUESTED, CLOSES).plusMinutes(5))
                    .expectTriggeredDeadlinesWithName(Poll.CLOSING_DEADLINE)
                    .expectEvents(new PollClosed(POLL, ORG, CLOSES, "scheduled"));
        }

        @Test
        void advancingToTheClosingInstantRecordsTheClose() {
            createdByCommand()
                    .whenThenTimeAdvancesTo(CLOSES)
                    .expectTriggeredDeadlinesWithName(Poll.CLOSING_DEADLINE)
                    .expectEvents(new PollClosed(POLL, ORG, CLOSES, PollClosed.SCHEDULED));
        }

        @Test
        void votesCountedMeanwhileDoNotStopTheClose() {
            createdByCommand(vote(JANE, "1", DURING), vote(JOHN, "2", DURING))
                    .whenTimeAdvancesTo(CLOSES.plusSeconds(1))
                    .expectEvents(new PollClosed(POLL, ORG, CLOSES, PollClosed.SCHEDULED));
        }

        @Test
        void nothingIsRecordedBeforeTheClosingTime() {
            createdByCommand()
                    .whenTimeAdvancesTo(CLOSES.minusMillis(1))
                    .expectTriggeredDeadlines()
                    .expectNoEvents()
                    .expectScheduledDeadlineWithName(CLOSES, Poll.CLOSING_DEADLINE);
        }

        @Test
        void recordsNothingWhenStaffClosedThePollFirst() {
            createdByCommand(new ClosePoll(POLL, ORG, STAFF_CLOSED))
                    .whenTimeAdvancesTo(CLOSES.plus(Duration.ofHours(1)))
                    .expectTriggeredDeadlinesWithName(Poll.CLOSING_DEADLINE)
                    .expectNoEvents();
        }
    }
}
