package com.chatnation.crm.domain.program;

import com.chatnation.crm.domain.common.DomainRuleViolation;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.hamcrest.CustomTypeSafeMatcher;
import org.hamcrest.Matcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;

/** The program aggregate: creation rules, adding and removing items at free places, archiving. */
class ProgramTest {

    private static final String PROGRAM = "program-1";
    private static final String ORG = "org-1";
    private static final String OTHER_ORG = "org-2";
    private static final String NAME = "Daily Devotional";
    private static final ProgramSchedule DAILY_SIX = ProgramSchedule.daily(LocalTime.of(6, 0));
    private static final String NAIROBI = "Africa/Nairobi";
    private static final Instant CREATED = Instant.parse("2026-03-01T09:00:00Z");
    private static final Instant LATER = Instant.parse("2026-03-02T09:00:00Z");
    private static final LocalDate EASTER = LocalDate.of(2026, 4, 5);

    private AggregateTestFixture<Program> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Program.class);
    }

    // ---- commands, events and matchers ---------------------------------------------------------------------------

    private static CreateProgram create(String name, String description, String timeZone, String keyword,
                                        String startFrom, String template, String language) {
        return new CreateProgram(PROGRAM, ORG, name, description, DAILY_SIX, timeZone, keyword, startFrom, template,
                language, CREATED);
    }

    private static CreateProgram valid() {
        return create(NAME, null, NAIROBI, "devotion", "beginning", null, null);
    }

    private static ProgramCreated created() {
        return new ProgramCreated(PROGRAM, ORG, NAME, null, DAILY_SIX, NAIROBI, "devotion", "beginning", null, null,
                CREATED);
    }

    private static ContentItem numbered(String itemId, int sequence) {
        return new ContentItem(itemId, "text", "Day " + sequence, null, null, sequence, null);
    }

    private static ContentItem dated(String itemId, LocalDate date) {
        return new ContentItem(itemId, "image", null, "media-" + itemId, null, null, date);
    }

    private static ContentItemAdded added(ContentItem item) {
        return new ContentItemAdded(PROGRAM, ORG, item, CREATED);
    }

    private static AddContentItem add(ContentItem item) {
        return new AddContentItem(PROGRAM, ORG, item, LATER);
    }

    private static Matcher<DomainRuleViolation> violation(String code) {
        return new CustomTypeSafeMatcher<>("DomainRuleViolation with code '" + code + "'") {
            @Override
            protected boolean matchesSafely(DomainRuleViolation item) {
                return code.equals(item.code());
            }
        };
    }

    private void refusesCreation(CreateProgram command, String code) {
        fixture.givenNoPriorActivity()
                .when(command)
                .expectException(DomainRuleViolation.class)
                .expectException(violation(code))
                .expectNoEvents();
    }

    private void refuses(List<Object> given, Object command, String code) {
        fixture.given(given)
                .when(command)
                .expectException(DomainRuleViolation.class)
                .expectException(violation(code))
                .expectNoEvents();
    }

    // ---- creating -------------------------------------------------------------------------------------------------

    @Nested
    class Creating {

        @Test
        void recordsTheProgram() {
            fixture.givenNoPriorActivity()
                    .when(valid())
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(created());
        }

        @Test
        void stripsNameDescriptionAndTemplateAndNormalizesTheKeyword() {
            ProgramSchedule sunday = ProgramSchedule.weekly(DayOfWeek.SUNDAY, LocalTime.of(18, 30));
            fixture.givenNoPriorActivity()
                    .when(new CreateProgram(PROGRAM, ORG, "  Sunday Letter ", "\n A weekly letter. ", sunday,
                            " America/New_York ", "  Sunday   LETTER ", "today", " weekly_nudge ", " en_US ",
                            CREATED))
                    .expectEvents(new ProgramCreated(PROGRAM, ORG, "Sunday Letter", "A weekly letter.", sunday,
                            "America/New_York", "sunday letter", "today", "weekly_nudge", "en_US", CREATED));
        }

        @Test
        void acceptsANameOf100AndADescriptionOf1000() {
            String name = "n".repeat(100);
            String description = "d".repeat(1000);
            fixture.givenNoPriorActivity()
                    .when(create(name, description, NAIROBI, "devotion", "beginning", null, null))
                    .expectEvents(new ProgramCreated(PROGRAM, ORG, name, description, DAILY_SIX, NAIROBI, "devotion",
                            "beginning", null, null, CREATED));
        }

        @Test
        void aBlankDescriptionAndBlankTemplateMeanNone() {
            fixture.givenNoPriorActivity()
                    .when(create(NAME, "  ", NAIROBI, "devotion", "beginning", " ", ""))
                    .expectEvents(created());
        }

        @Test
        void acceptsAFixedOffsetAsATimeZone() {
            fixture.givenNoPriorActivity()
                    .when(create(NAME, null, "+03:00", "devotion", "beginning", null, null))
                    .expectEvents(new ProgramCreated(PROGRAM, ORG, NAME, null, DAILY_SIX, "+03:00", "devotion",
                            "beginning", null, null, CREATED));
        }
    }

    @Nested
    class CreationRefusals {

        @ParameterizedTest
        @NullAndEmptySource
        @ValueSource(strings = {"   "})
        void refusesAMissingName(String name) {
            refusesCreation(create(name, null, NAIROBI, "devotion", "beginning", null, null), "invalid_name");
        }

        @Test
        void refusesANameOf101() {
            refusesCreation(create("n".repeat(101), null, NAIROBI, "devotion", "beginning", null, null),
                    "invalid_name");
        }

        @Test
        void refusesADescriptionOf1001() {
            refusesCreation(create(NAME, "d".repeat(1001), NAIROBI, "devotion", "beginning", null, null),
                    "invalid_description");
        }

        @ParameterizedTest
        @NullAndEmptySource
        @ValueSource(strings = {" ", "Africa/Atlantis", "EAT", "nairobi", "+25:00"})
        void refusesAnUnknownTimeZone(String zone) {
            refusesCreation(create(NAME, null, zone, "devotion", "beginning", null, null), "invalid_time_zone");
        }

        @Test
        void refusesAMissingSchedule() {
            refusesCreation(new CreateProgram(PROGRAM, ORG, NAME, null, null, NAIROBI, "devotion", "beginning", null,
                    null, CREATED), "invalid_schedule");
        }

        @ParameterizedTest
        @NullAndEmptySource
        @ValueSource(strings = {"  ", "join!", "-join"})
        void refusesAMissingOrInvalidKeyword(String keyword) {
            refusesCreation(create(NAME, null, NAIROBI, keyword, "beginning", null, null), "invalid_keyword");
        }

        @ParameterizedTest
        @NullAndEmptySource
        @ValueSource(strings = {"start", "Beginning", "now", "tomorrow"})
        void refusesAnyOtherStart(String startFrom) {
            refusesCreation(create(NAME, null, NAIROBI, "devotion", startFrom, null, null), "invalid_start");
        }

        @ParameterizedTest
        @CsvSource(value = {"nudge,NULL", "NULL,en", "nudge,' '", "' ',en"}, nullValues = "NULL")
        void refusesATemplateWithoutItsLanguageOrTheOtherWayRound(String template, String language) {
            refusesCreation(create(NAME, null, NAIROBI, "devotion", "beginning", template, language),
                    "invalid_template");
        }

        @Test
        void refusesAMissingOrganization() {
            refusesCreation(new CreateProgram(PROGRAM, " ", NAME, null, DAILY_SIX, NAIROBI, "devotion", "beginning",
                    null, null, CREATED), "missing_organization_id");
        }
    }

    // ---- content --------------------------------------------------------------------------------------------------

    @Nested
    class AddingItems {

        @Test
        void recordsANumberedItem() {
            ContentItem item = numbered("i1", 1);
            fixture.given(created())
                    .when(add(item))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(new ContentItemAdded(PROGRAM, ORG, item, LATER));
        }

        @Test
        void recordsADatedItemBesideNumberedOnes() {
            ContentItem item = dated("easter", EASTER);
            fixture.given(created(), added(numbered("i1", 1)))
                    .when(add(item))
                    .expectEvents(new ContentItemAdded(PROGRAM, ORG, item, LATER));
        }

        @Test
        void recordsItemsOutOfOrderAndWithGaps() {
            ContentItem item = numbered("i3", 3);
            fixture.given(created(), added(numbered("i7", 7)))
                    .when(add(item))
                    .expectEvents(new ContentItemAdded(PROGRAM, ORG, item, LATER));
        }

        @Test
        void refusesAnotherOrganization() {
            refuses(List.of(created()), new AddContentItem(PROGRAM, OTHER_ORG, numbered("i1", 1), LATER),
                    "not_found");
        }

        @Test
        void refusesAnArchivedProgram() {
            refuses(List.of(created(), new ProgramArchived(PROGRAM, ORG, CREATED)), add(numbered("i1", 1)),
                    "program_archived");
        }

        @Test
        void refusesAMissingItem() {
            refuses(List.of(created()), add(null), "invalid_item");
        }

        @Test
        void refusesTheSameItemIdTwice() {
            refuses(List.of(created(), added(numbered("i1", 1))), add(numbered("i1", 2)), "duplicate_item");
        }

        @Test
        void refusesATakenSequenceNumber() {
            refuses(List.of(created(), added(numbered("i1", 1))), add(numbered("i2", 1)), "duplicate_position");
        }

        @Test
        void refusesATakenDate() {
            refuses(List.of(created(), added(dated("easter", EASTER))), add(dated("easter-2", EASTER)),
                    "duplicate_position");
        }

        @Test
        void aSequenceNumberAndADateNeverShareAPlace() {
            ContentItem item = dated("d1", EASTER);
            fixture.given(created(), added(numbered("i1", 1)), added(dated("d0", EASTER.minusDays(1))))
                    .when(add(item))
                    .expectEvents(new ContentItemAdded(PROGRAM, ORG, item, LATER));
        }

        @Test
        void acceptsThe1000thItem() {
            ContentItem last = numbered("i1000", 1000);
            fixture.given(itemsAdded(999))
                    .when(add(last))
                    .expectEvents(new ContentItemAdded(PROGRAM, ORG, last, LATER));
        }

        @Test
        void refusesThe1001stItem() {
            refuses(itemsAdded(1000), add(numbered("i1001", 1001)), "too_many_items");
        }

        @Test
        void aRemovedItemMakesRoomUnderTheLimit() {
            List<Object> full = itemsAdded(1000);
            full.add(new ContentItemRemoved(PROGRAM, ORG, "i500", CREATED));
            ContentItem item = numbered("i1001", 1001);
            fixture.given(full)
                    .when(add(item))
                    .expectEvents(new ContentItemAdded(PROGRAM, ORG, item, LATER));
        }

        private List<Object> itemsAdded(int count) {
            List<Object> events = new ArrayList<>();
            events.add(created());
            for (int i = 1; i <= count; i++) {
                events.add(added(numbered("i" + i, i)));
            }
            return events;
        }
    }

    @Nested
    class RemovingItems {

        @Test
        void recordsTheRemoval() {
            fixture.given(created(), added(numbered("i1", 1)))
                    .when(new RemoveContentItem(PROGRAM, ORG, "i1", LATER))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(new ContentItemRemoved(PROGRAM, ORG, "i1", LATER));
        }

        @Test
        void freesTheSequenceNumber() {
            ContentItem replacement = numbered("i1-fixed", 1);
            fixture.given(created(), added(numbered("i1", 1)), new ContentItemRemoved(PROGRAM, ORG, "i1", CREATED))
                    .when(add(replacement))
                    .expectEvents(new ContentItemAdded(PROGRAM, ORG, replacement, LATER));
        }

        @Test
        void freesTheDate() {
            ContentItem replacement = dated("easter-fixed", EASTER);
            fixture.given(created(), added(dated("easter", EASTER)),
                            new ContentItemRemoved(PROGRAM, ORG, "easter", CREATED))
                    .when(add(replacement))
                    .expectEvents(new ContentItemAdded(PROGRAM, ORG, replacement, LATER));
        }

        @Test
        void refusesAnUnknownItem() {
            refuses(List.of(created(), added(numbered("i1", 1))), new RemoveContentItem(PROGRAM, ORG, "i2", LATER),
                    "unknown_item");
        }

        @Test
        void refusesAnItemRemovedAlready() {
            refuses(List.of(created(), added(numbered("i1", 1)), new ContentItemRemoved(PROGRAM, ORG, "i1", CREATED)),
                    new RemoveContentItem(PROGRAM, ORG, "i1", LATER), "unknown_item");
        }

        @Test
        void refusesAnotherOrganization() {
            refuses(List.of(created(), added(numbered("i1", 1))),
                    new RemoveContentItem(PROGRAM, OTHER_ORG, "i1", LATER), "not_found");
        }

        @Test
        void refusesAnArchivedProgram() {
            refuses(List.of(created(), added(numbered("i1", 1)), new ProgramArchived(PROGRAM, ORG, CREATED)),
                    new RemoveContentItem(PROGRAM, ORG, "i1", LATER), "program_archived");
        }
    }

    // ---- archiving ------------------------------------------------------------------------------------------------

    @Nested
    class Archiving {

        @Test
        void recordsTheArchive() {
            fixture.given(created(), added(numbered("i1", 1)))
                    .when(new ArchiveProgram(PROGRAM, ORG, LATER))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(new ProgramArchived(PROGRAM, ORG, LATER));
        }

        @Test
        void refusesArchivingTwice() {
            refuses(List.of(created(), new ProgramArchived(PROGRAM, ORG, CREATED)),
                    new ArchiveProgram(PROGRAM, ORG, LATER), "program_archived");
        }

        @Test
        void refusesAnotherOrganization() {
            refuses(List.of(created()), new ArchiveProgram(PROGRAM, OTHER_ORG, LATER), "not_found");
        }
    }
}
