package com.chatnation.crm.domain.program;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Events are stored as JSON by Axon's Jackson serializer; each must come back equal to what was written, through
 * the schedule's and item's checking constructors.
 */
class ProgramEventSerializationTest {

    /** Configured like the service's mapper: ISO durations, nulls left out. */
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
            .setSerializationInclusion(JsonInclude.Include.NON_NULL);

    private static final String ORG = "org-1";
    private static final Instant AT = Instant.parse("2026-03-01T09:00:00Z");

    static List<Object> events() {
        String subscription = ProgramSubscription.idOf("p1", "c1");
        return List.of(
                new ProgramCreated("p1", ORG, "Devotional", null, ProgramSchedule.daily(LocalTime.of(6, 0)),
                        "Africa/Nairobi", "devotion", "beginning", null, null, AT),
                new ProgramCreated("p1", ORG, "Letter", "Weekly", ProgramSchedule.weekly(DayOfWeek.SUNDAY,
                        LocalTime.of(18, 30)), "America/New_York", "letter", "today", "nudge", "en_US", AT),
                new ContentItemAdded("p1", ORG, new ContentItem("i1", "text", "Day one", null, null, 1, null), AT),
                new ContentItemAdded("p1", ORG, new ContentItem("i2", "image", "Caption", "media/1", null, null,
                        LocalDate.of(2026, 4, 5)), AT),
                new ContentItemAdded("p1", ORG, new ContentItem("i3", "poll", null, null, "poll-1", 3, null), AT),
                new ContentItemRemoved("p1", ORG, "i1", AT),
                new ProgramArchived("p1", ORG, AT),
                new SubscribedToProgram(subscription, "p1", ORG, "c1", null, "import", 0, false, AT),
                new SubscribedToProgram(subscription, "p1", ORG, "c1", "conv-1", "keyword", 4, true, AT),
                new UnsubscribedFromProgram(subscription, "p1", ORG, "c1", "opted_out", AT, AT.plusSeconds(60)),
                new ProgramItemDelivered(subscription, "p1", ORG, "c1", "conv-1", "i1", 1, LocalDate.of(2026, 3, 2),
                        "reply-1", AT),
                new ProgramItemDelivered(subscription, "p1", ORG, "c1", null, "i2", null, LocalDate.of(2026, 4, 5),
                        "reply-2", AT));
    }

    @ParameterizedTest
    @MethodSource("events")
    void roundTripsThroughJackson(Object event) throws Exception {
        String json = MAPPER.writeValueAsString(event);
        Object back = MAPPER.readValue(json, event.getClass());
        assertThat(back).isEqualTo(event);
        assertThat(MAPPER.writeValueAsString(back)).isEqualTo(json);
    }

    @ParameterizedTest
    @MethodSource("events")
    void carriesItsOrganization(Object event) throws Exception {
        assertThat(MAPPER.readTree(MAPPER.writeValueAsString(event)).get("organizationId").asText()).isEqualTo(ORG);
    }
}
