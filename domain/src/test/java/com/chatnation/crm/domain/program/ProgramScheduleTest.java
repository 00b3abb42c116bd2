package com.chatnation.crm.domain.program;

import com.chatnation.crm.domain.common.DomainRuleViolation;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A program's schedule: what it accepts, which days it falls on and its slots' instants across DST changes. */
class ProgramScheduleTest {

    private static final ZoneId NAIROBI = ZoneId.of("Africa/Nairobi");
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private static final LocalTime SIX = LocalTime.of(6, 0);
    /** A Wednesday. */
    private static final LocalDate WEDNESDAY = LocalDate.of(2026, 3, 4);
    /** New York moves from EST (-5) to EDT (-4) at 02:00 this Sunday. */
    private static final LocalDate SPRING_FORWARD = LocalDate.of(2026, 3, 8);
    /** New York moves back from EDT to EST at 02:00 this Sunday, so 01:00 to 02:00 happens twice. */
    private static final LocalDate FALL_BACK = LocalDate.of(2026, 11, 1);

    private static void refused(ThrowingCallable creation) {
        assertThatThrownBy(creation).isInstanceOfSatisfying(DomainRuleViolation.class,
                violation -> assertThat(violation.code()).isEqualTo("invalid_schedule"));
    }

    @Nested
    class Rules {

        @Test
        void acceptsDailyWithoutADayAndWeeklyWithOne() {
            assertThat(new ProgramSchedule("daily", SIX, null)).isEqualTo(ProgramSchedule.daily(SIX));
            assertThat(new ProgramSchedule("weekly", SIX, DayOfWeek.SUNDAY))
                    .isEqualTo(ProgramSchedule.weekly(DayOfWeek.SUNDAY, SIX));
        }

        @ParameterizedTest
        @NullAndEmptySource
        @ValueSource(strings = {"monthly", "Daily", "WEEKLY", " daily", "hourly"})
        void refusesAnyOtherFrequency(String frequency) {
            refused(() -> new ProgramSchedule(frequency, SIX, null));
        }

        @Test
        void refusesADailyScheduleWithoutATime() {
            refused(() -> new ProgramSchedule("daily", null, null));
        }

        @Test
        void refusesAWeeklyScheduleWithoutATime() {
            refused(() -> new ProgramSchedule("weekly", null, DayOfWeek.MONDAY));
        }

        @Test
        void refusesAWeeklyScheduleWithoutADay() {
            refused(() -> new ProgramSchedule("weekly", SIX, null));
        }

        @Test
        void refusesADailyScheduleWithADay() {
            refused(() -> new ProgramSchedule("daily", SIX, DayOfWeek.MONDAY));
        }
    }

    @Nested
    class FallsOn {

        @ParameterizedTest
        @EnumSource(DayOfWeek.class)
        void aDailyScheduleFallsOnEveryDay(DayOfWeek day) {
            LocalDate date = WEDNESDAY.with(TemporalAdjusters.nextOrSame(day));
            assertThat(ProgramSchedule.daily(SIX).fallsOn(date)).isTrue();
        }

        @ParameterizedTest
        @EnumSource(DayOfWeek.class)
        void aWeeklyScheduleFallsOnItsDayOnly(DayOfWeek day) {
            LocalDate date = WEDNESDAY.with(TemporalAdjusters.nextOrSame(day));
            assertThat(ProgramSchedule.weekly(DayOfWeek.SUNDAY, SIX).fallsOn(date))
                    .isEqualTo(day == DayOfWeek.SUNDAY);
        }
    }

    @Nested
    class SlotOn {

        @Test
        void sixInNairobiIsThreeUtc() {
            assertThat(ProgramSchedule.daily(SIX).slotOn(WEDNESDAY, NAIROBI))
                    .isEqualTo(Instant.parse("2026-03-04T03:00:00Z"));
        }

        @Test
        void sixInNewYorkIsElevenUtcInWinter() {
            assertThat(ProgramSchedule.daily(SIX).slotOn(SPRING_FORWARD.minusDays(1), NEW_YORK))
                    .isEqualTo(Instant.parse("2026-03-07T11:00:00Z"));
        }

        @Test
        void sixInNewYorkOnTheDayClocksSpringForwardIsTenUtc() {
            // the offset at the slot, not at the day's midnight (still EST then)
            assertThat(ProgramSchedule.daily(SIX).slotOn(SPRING_FORWARD, NEW_YORK))
                    .isEqualTo(Instant.parse("2026-03-08T10:00:00Z"));
        }

        @Test
        void sixInNewYorkOnTheDayClocksFallBackIsElevenUtc() {
            assertThat(ProgramSchedule.daily(SIX).slotOn(FALL_BACK, NEW_YORK))
                    .isEqualTo(Instant.parse("2026-11-01T11:00:00Z"));
        }

        @Test
        void aTimeTheClocksSkipMovesForwardByTheGap() {
            // 02:30 does not exist that night: it goes out at 03:30 EDT rather than not at all
            assertThat(ProgramSchedule.daily(LocalTime.of(2, 30)).slotOn(SPRING_FORWARD, NEW_YORK))
                    .isEqualTo(Instant.parse("2026-03-08T07:30:00Z"));
        }

        @Test
        void aTimeThatHappensTwiceTakesTheFirst() {
            // 01:30 EDT, not 01:30 EST an hour later
            assertThat(ProgramSchedule.daily(LocalTime.of(1, 30)).slotOn(FALL_BACK, NEW_YORK))
                    .isEqualTo(Instant.parse("2026-11-01T05:30:00Z"));
        }
    }

    @Nested
    class LatestAndNextSlot {

        private final ProgramSchedule dailySix = ProgramSchedule.daily(SIX);
        private final ProgramSchedule sundaySix = ProgramSchedule.weekly(DayOfWeek.SUNDAY, SIX);

        @Test
        void atTheSlotInstantTheLatestSlotIsTodayAndTheNextTomorrow() {
            Instant slot = Instant.parse("2026-03-04T03:00:00Z");
            assertThat(dailySix.latestSlotDate(slot, NAIROBI)).contains(WEDNESDAY);
            assertThat(dailySix.nextSlotDate(slot, NAIROBI)).isEqualTo(WEDNESDAY.plusDays(1));
        }

        @Test
        void justBeforeTheSlotTheLatestIsYesterdayAndTheNextToday() {
            Instant before = Instant.parse("2026-03-04T02:59:59.999Z");
            assertThat(dailySix.latestSlotDate(before, NAIROBI)).contains(WEDNESDAY.minusDays(1));
            assertThat(dailySix.nextSlotDate(before, NAIROBI)).isEqualTo(WEDNESDAY);
        }

        @Test
        void datesAreTheZonesNotUtcs() {
            // 21:30 UTC on the 4th is 00:30 on the 5th in Nairobi, after that day's 00:15 slot
            ProgramSchedule quarterPastMidnight = ProgramSchedule.daily(LocalTime.of(0, 15));
            Instant now = Instant.parse("2026-03-04T21:30:00Z");
            assertThat(quarterPastMidnight.latestSlotDate(now, NAIROBI)).contains(LocalDate.of(2026, 3, 5));
            assertThat(quarterPastMidnight.nextSlotDate(now, NAIROBI)).isEqualTo(LocalDate.of(2026, 3, 6));
        }

        @Test
        void weeklyOnSundayFromAWednesday() {
            Instant wednesdayMorning = Instant.parse("2026-03-04T09:00:00Z");
            assertThat(sundaySix.latestSlotDate(wednesdayMorning, NAIROBI)).contains(LocalDate.of(2026, 3, 1));
            assertThat(sundaySix.nextSlotDate(wednesdayMorning, NAIROBI)).isEqualTo(LocalDate.of(2026, 3, 8));
        }

        @Test
        void onItsDayBeforeTheSlotAWeeklyScheduleLooksAWholeWeekBack() {
            Instant sundayFive = Instant.parse("2026-03-08T02:00:00Z");
            assertThat(sundaySix.latestSlotDate(sundayFive, NAIROBI)).contains(LocalDate.of(2026, 3, 1));
            assertThat(sundaySix.nextSlotDate(sundayFive, NAIROBI)).isEqualTo(LocalDate.of(2026, 3, 8));
        }

        @Test
        void onItsDayAtTheSlotAWeeklyScheduleNextGoesOutAWeekLater() {
            Instant sundaySlot = Instant.parse("2026-03-08T03:00:00Z");
            assertThat(sundaySix.latestSlotDate(sundaySlot, NAIROBI)).contains(LocalDate.of(2026, 3, 8));
            assertThat(sundaySix.nextSlotDate(sundaySlot, NAIROBI)).isEqualTo(LocalDate.of(2026, 3, 15));
        }

        @Test
        void theSlotOnTheSpringForwardDayCountsFromSixLocalTime() {
            // 06:30 EDT: a slot computed with the midnight offset (EST, 11:00 UTC) would still lie ahead
            Instant halfPastSix = Instant.parse("2026-03-08T10:30:00Z");
            assertThat(dailySix.latestSlotDate(halfPastSix, NEW_YORK)).contains(SPRING_FORWARD);
            assertThat(dailySix.nextSlotDate(halfPastSix, NEW_YORK)).isEqualTo(SPRING_FORWARD.plusDays(1));
        }

        @Test
        void aSkippedSlotTimeIsDueAfterTheGap() {
            ProgramSchedule halfPastTwo = ProgramSchedule.daily(LocalTime.of(2, 30));
            Instant threeEdt = Instant.parse("2026-03-08T07:00:00Z");
            assertThat(halfPastTwo.latestSlotDate(threeEdt, NEW_YORK)).contains(SPRING_FORWARD.minusDays(1));
            assertThat(halfPastTwo.nextSlotDate(threeEdt, NEW_YORK)).isEqualTo(SPRING_FORWARD);
            assertThat(halfPastTwo.latestSlotDate(Instant.parse("2026-03-08T07:30:00Z"), NEW_YORK))
                    .contains(SPRING_FORWARD);
        }

        @Test
        void aRepeatedSlotTimeIsDueTheFirstTimeOnly() {
            ProgramSchedule halfPastOne = ProgramSchedule.daily(LocalTime.of(1, 30));
            Instant firstHalfPastOne = Instant.parse("2026-11-01T05:30:00Z");
            Instant secondHalfPastOne = Instant.parse("2026-11-01T06:30:00Z");
            assertThat(halfPastOne.latestSlotDate(firstHalfPastOne, NEW_YORK)).contains(FALL_BACK);
            assertThat(halfPastOne.nextSlotDate(firstHalfPastOne, NEW_YORK)).isEqualTo(FALL_BACK.plusDays(1));
            assertThat(halfPastOne.nextSlotDate(secondHalfPastOne, NEW_YORK)).isEqualTo(FALL_BACK.plusDays(1));
        }
    }
}
