package com.chatnation.crm.domain.survey;

import com.chatnation.crm.domain.TestContacts;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.axonframework.serialization.Revision;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;

import static com.chatnation.crm.domain.survey.SurveyFixtures.ORG;
import static com.chatnation.crm.domain.survey.SurveyFixtures.SURVEY;
import static org.assertj.core.api.Assertions.assertThat;

/** Events are stored as JSON by Axon's Jackson serializer; each must come back equal to what was written. */
class SurveyEventSerializationTest {

    /** Configured like the service's mapper: ISO durations, nulls left out. */
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
            .setSerializationInclusion(JsonInclude.Include.NON_NULL);

    static List<Object> events() {
        SurveyDefinition definition = SurveyFixtures.definition();
        SurveyDefinition everyType = new SurveyDefinition(SURVEY, 2, ORG, "All", null, null, List.of(
                SurveyFixtures.colours(),
                new Question("n", "How many?", QuestionType.NUMBER, false, null, 1, 10,
                        List.of(new SkipRule(SkipRule.Condition.ONE_OF, List.of("1", "2"), "m"),
                                SkipRule.ifLessThan(5, SkipRule.END))),
                Question.of("nps", "Recommend?", QuestionType.NPS),
                Question.of("m", "Photo?", QuestionType.MEDIA)), List.of("all"));
        return List.of(
                new SurveyPublished(SURVEY, ORG, 1, definition),
                new SurveyPublished(SURVEY, ORG, 2, everyType),
                new SurveyArchived(SURVEY, ORG, 2),
                new SurveyResponseStarted("r1", ORG, SURVEY, 1, TestContacts.id("+254700000001"), "+254700000001", "c1", "keyword", definition,
                        Duration.ofMinutes(30)),
                new QuestionAnswered("r1", ORG, SURVEY, 1, "q", QuestionType.FREE_TEXT, AnswerValue.text("Great"), "m1", TestContacts.id("+254700000001")),
                new QuestionAnswered("r1", ORG, SURVEY, 1, "q", QuestionType.NUMBER,
                        AnswerValue.number(new BigDecimal("2.5")), "m2", TestContacts.id("+254700000001")),
                new QuestionAnswered("r1", ORG, SURVEY, 1, "q", QuestionType.MULTIPLE_CHOICE,
                        AnswerValue.choices(List.of(new Option("red", "Red"), new Option("blue", "Blue"))), "m3", TestContacts.id("+254700000001")),
                new QuestionAnswered("r1", ORG, SURVEY, 1, "q", QuestionType.YES_NO, AnswerValue.flag(false), "m4", TestContacts.id("+254700000001")),
                new QuestionAnswered("r1", ORG, SURVEY, 1, "q", QuestionType.MEDIA,
                        AnswerValue.media(new MediaAnswer("audio", "media-1", "audio/ogg", null, null, true)), "m5", TestContacts.id("+254700000001")),
                new AnswerRejected("r1", ORG, SURVEY, "q", "Please reply Yes or No.", "maybe", TestContacts.id("+254700000001")),
                new QuestionSkipped("r1", ORG, SURVEY, "q", QuestionSkipped.BY_SKIP_LOGIC),
                new SurveyResponseCompleted("r1", ORG, SURVEY, 1, TestContacts.id("+254700000001"), 3, -0.05),
                new SurveyResponseAbandoned("r1", ORG, SURVEY, 1, "q", 1, SurveyResponseAbandoned.INACTIVITY));
    }

    @ParameterizedTest
    @MethodSource("events")
    void roundTripsThroughJackson(Object event) throws Exception {
        String json = MAPPER.writeValueAsString(event);
        Object back = MAPPER.readValue(json, event.getClass());
        assertThat(back).isEqualTo(event);
        assertThat(MAPPER.writeValueAsString(back)).isEqualTo(json);
        assertThat(event.getClass().getAnnotation(Revision.class)).isNotNull();
    }

    @ParameterizedTest
    @MethodSource("events")
    void carriesItsOrganization(Object event) throws Exception {
        assertThat(MAPPER.readTree(MAPPER.writeValueAsString(event)).get("organizationId").asText()).isEqualTo(ORG);
    }
}
