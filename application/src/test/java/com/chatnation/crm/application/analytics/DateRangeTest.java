package com.chatnation.crm.application.analytics;

import org.junit.jupiter.api.Test;
import org.springframework.web.server.ResponseStatusException;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Dates a funnel's range can hold: ISO allows year 999,999,999, a day's end and a timestamp do not. */
class DateRangeTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-01T10:00:00Z"), ZoneOffset.UTC);

    @Test
    void defaultsToTheLast30DaysAndRefusesYearsNoTimestampHolds() {
        assertThat(DateRange.parse(null, null, CLOCK))
                .isEqualTo(new DateRange(LocalDate.parse("2026-11-02"), LocalDate.parse("2026-12-01")));
        for (String extreme : new String[] {"+999999999-12-31", "-999999999-01-01", "0001-01-01", "10000-01-01"}) {
            assertThatThrownBy(() -> DateRange.parse(null, extreme, CLOCK)).as(extreme)
                    .isInstanceOf(ResponseStatusException.class)
                    .satisfies(e -> assertThat(((ResponseStatusException) e).getStatusCode().value()).isEqualTo(400));
        }
    }
}
