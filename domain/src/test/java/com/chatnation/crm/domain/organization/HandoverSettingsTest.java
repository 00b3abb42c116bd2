package com.chatnation.crm.domain.organization;

import com.chatnation.crm.domain.common.DomainRuleViolation;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.DayOfWeek;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HandoverSettingsTest {

    private static final List<DayOfWeek> WEEKDAYS = List.of(DayOfWeek.FRIDAY, DayOfWeek.MONDAY, DayOfWeek.TUESDAY,
            DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY);
    private static final BusinessHours OFFICE = new BusinessHours(" Africa/Nairobi ", WEEKDAYS, "08:00", "17:30",
            " Back on Monday. ");

    private AggregateTestFixture<Organization> fixture;
    private final OrganizationOnboarded onboarded = new OrganizationOnboarded("org-1", "Acme", "1234567890",
            new PriceList(null), 0, "hash");

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Organization.class);
    }

    @Test
    void defaultsAreEnglishAndSwahiliAlwaysOpenAndThreeMisunderstandings() {
        assertThat(HandoverSettings.DEFAULT.words()).containsExactly("AGENT", "HUMAN", "MTU", "TALK TO A PERSON",
                "TALK TO AN AGENT");
        assertThat(HandoverSettings.DEFAULT.businessHours()).isNull();
        assertThat(HandoverSettings.DEFAULT.notUnderstoodLimit()).isEqualTo(3);
        assertThat(HandoverSettings.DEFAULT.teamIsIn(Instant.parse("2026-11-22T03:00:00Z"))).isTrue();
    }

    @Test
    void wordsAreReadWhateverTheCaseSpacesAndTrailingPunctuation() {
        assertThat(HandoverSettings.DEFAULT.asksForAPerson(" talk  to a person?")).isTrue();
        assertThat(HandoverSettings.DEFAULT.asksForAPerson("Mtu!")).isTrue();
        assertThat(HandoverSettings.DEFAULT.asksForAPerson("agents")).isFalse();
        assertThat(HandoverSettings.DEFAULT.asksForAPerson(null)).isFalse();
        HandoverSettings own = new HandoverSettings(List.of(" operator ", "OPERATOR", "help me"), null, null);
        assertThat(own.words()).containsExactly("OPERATOR", "HELP ME");
        assertThat(own.notUnderstoodLimit()).as("a limit left out").isEqualTo(3);
        assertThat(new HandoverSettings(List.of(), null, 3).asksForAPerson("agent")).isFalse();
    }

    @Test
    void refusesBadWordsAndLimits() {
        assertRefused(() -> new HandoverSettings(null, null, 3), "invalid_handover_settings");
        assertRefused(() -> new HandoverSettings(List.of(" "), null, 3), "invalid_handover_settings");
        assertRefused(() -> new HandoverSettings(List.of("x".repeat(31)), null, 3), "invalid_handover_settings");
        assertRefused(() -> new HandoverSettings(Arrays.asList("agent", null), null, 3), "invalid_handover_settings");
        assertRefused(() -> new HandoverSettings(java.util.stream.IntStream.range(0, 21).mapToObj(i -> "w" + i)
                .toList(), null, 3), "invalid_handover_settings");
        assertRefused(() -> new HandoverSettings(List.of(), null, -1), "invalid_handover_settings");
        assertRefused(() -> new HandoverSettings(List.of(), null, 11), "invalid_handover_settings");
    }

    @Test
    void businessHoursAreNormalizedAndOpenOnlyOnTheirDaysBetweenTheirTimes() {
        assertThat(OFFICE.timeZone()).isEqualTo("Africa/Nairobi");
        assertThat(OFFICE.days()).containsExactly(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY,
                DayOfWeek.THURSDAY, DayOfWeek.FRIDAY);
        assertThat(OFFICE.outOfHoursReply()).isEqualTo("Back on Monday.");
        // Nairobi is UTC+3: Monday 2026-11-23 08:00 local is 05:00Z
        assertThat(OFFICE.isOpen(Instant.parse("2026-11-23T04:59:59Z"))).isFalse();
        assertThat(OFFICE.isOpen(Instant.parse("2026-11-23T05:00:00Z"))).isTrue();
        assertThat(OFFICE.isOpen(Instant.parse("2026-11-23T14:29:59Z"))).isTrue();
        assertThat(OFFICE.isOpen(Instant.parse("2026-11-23T14:30:00Z"))).isFalse();
        assertThat(OFFICE.isOpen(Instant.parse("2026-11-22T09:00:00Z"))).as("a Sunday").isFalse();
        assertThat(new HandoverSettings(List.of(), OFFICE, 3).teamIsIn(Instant.parse("2026-11-22T09:00:00Z")))
                .isFalse();
    }

    @Test
    void refusesBadBusinessHours() {
        assertRefused(() -> new BusinessHours("Mars/Olympus", WEEKDAYS, "08:00", "17:00", "x"), "invalid_business_hours");
        assertRefused(() -> new BusinessHours(null, WEEKDAYS, "08:00", "17:00", "x"), "invalid_business_hours");
        assertRefused(() -> new BusinessHours("UTC", List.of(), "08:00", "17:00", "x"), "invalid_business_hours");
        assertRefused(() -> new BusinessHours("UTC", Arrays.asList(DayOfWeek.MONDAY, null), "08:00", "17:00", "x"),
                "invalid_business_hours");
        assertRefused(() -> new BusinessHours("UTC", WEEKDAYS, "8 am", "17:00", "x"), "invalid_business_hours");
        assertRefused(() -> new BusinessHours("UTC", WEEKDAYS, "17:00", "08:00", "x"), "invalid_business_hours");
        assertRefused(() -> new BusinessHours("UTC", WEEKDAYS, "08:00", "17:00", " "), "invalid_business_hours");
        assertRefused(() -> new BusinessHours("UTC", WEEKDAYS, "08:00", "17:00", "x".repeat(1025)),
                "invalid_business_hours");
    }

    @Test
    void theOrganizationRecordsAChangeOnce() {
        HandoverSettings settings = new HandoverSettings(List.of("operator"), OFFICE, 2);
        fixture.given(onboarded)
                .when(new ChangeHandoverSettings("org-1", settings))
                .expectEvents(new HandoverSettingsChanged("org-1", settings));
        fixture.given(onboarded, new HandoverSettingsChanged("org-1", settings))
                .when(new ChangeHandoverSettings("org-1", new HandoverSettings(List.of("OPERATOR"), OFFICE, 2)))
                .expectNoEvents();
        fixture.given(onboarded)
                .when(new ChangeHandoverSettings("org-1", HandoverSettings.DEFAULT))
                .expectNoEvents();
        fixture.given(onboarded)
                .when(new ChangeHandoverSettings("org-1", null))
                .expectException(DomainRuleViolation.class).expectNoEvents();
    }

    private static void assertRefused(Runnable construction, String code) {
        assertThatThrownBy(construction::run).isInstanceOfSatisfying(DomainRuleViolation.class,
                violation -> assertThat(violation.code()).isEqualTo(code));
    }
}
