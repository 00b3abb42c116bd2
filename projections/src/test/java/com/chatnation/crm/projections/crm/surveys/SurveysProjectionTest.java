package com.chatnation.crm.projections.crm.surveys;

import com.chatnation.crm.projections.TestContacts;
import com.chatnation.crm.domain.survey.AnswerRejected;
import com.chatnation.crm.domain.survey.AnswerValue;
import com.chatnation.crm.domain.survey.MediaAnswer;
import com.chatnation.crm.domain.survey.Option;
import com.chatnation.crm.domain.survey.Question;
import com.chatnation.crm.domain.survey.QuestionAnswered;
import com.chatnation.crm.domain.survey.QuestionSkipped;
import com.chatnation.crm.domain.survey.QuestionType;
import com.chatnation.crm.domain.survey.SkipRule;
import com.chatnation.crm.domain.survey.SurveyArchived;
import com.chatnation.crm.domain.survey.SurveyDefinition;
import com.chatnation.crm.domain.survey.SurveyPublished;
import com.chatnation.crm.domain.survey.SurveyResponseAbandoned;
import com.chatnation.crm.domain.survey.SurveyResponseCompleted;
import com.chatnation.crm.domain.survey.SurveyResponseStarted;
import com.chatnation.crm.projections.crm.contacts.ContactIds;
import com.chatnation.crm.projections.support.History;
import com.chatnation.crm.projections.support.Projector;
import com.chatnation.crm.projections.support.Tables;
import com.chatnation.crm.projections.support.TestDatabase;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class SurveysProjectionTest {

    private static final String ORG = "org-1";
    private static final String SURVEY = "sv-1";
    private static final String PHONE = "+254712345678";
    private static final String STREAM = "conversation-org-1-254712345678";

    private final JdbcTemplate jdbc = TestDatabase.jdbc();
    private final ObjectMapper json = Tables.objectMapper();
    private Projector projector;

    @BeforeEach
    void setUp() {
        Tables.clear(jdbc);
        projector = new Projector(new SurveysProjection(jdbc, json));
    }

    private static SurveyDefinition definition(int version, String title) {
        Question attended = Question.of("q1", "Did you attend?", QuestionType.YES_NO)
                .withSkipRules(List.of(SkipRule.ifEquals("no", "q4")));
        Question rating = Question.of("q2", "Rate the event", QuestionType.RATING);
        Question photo = Question.of("q3", "Send a photo", QuestionType.MEDIA).optional();
        Question channel = Question.choice("q4", "How did you hear?", QuestionType.SINGLE_CHOICE,
                List.of(new Option("radio", "Radio"), new Option("friend", "A friend")));
        return new SurveyDefinition(SURVEY, version, ORG, title, "Quick feedback", "Thanks!",
                List.of(attended, rating, photo, channel), List.of("Feedback", "EXPO"));
    }

    private static History history() {
        SurveyDefinition v2 = definition(2, "Expo feedback v2");
        return new History()
                .add(SURVEY, new SurveyPublished(SURVEY, ORG, 1, definition(1, "Expo feedback")))
                .add(SURVEY, new SurveyPublished(SURVEY, ORG, 2, v2))
                // response 1: completes, with a rejected answer and a media answer
                .add("resp-1", new SurveyResponseStarted("resp-1", ORG, SURVEY, 2, TestContacts.id(PHONE), PHONE, STREAM, "keyword", v2,
                        Duration.ofMinutes(30)))
                .add("resp-1", new QuestionAnswered("resp-1", ORG, SURVEY, 2, "q1", QuestionType.YES_NO,
                        AnswerValue.flag(true), "wamid.1", TestContacts.id(PHONE)))
                .add("resp-1", new AnswerRejected("resp-1", ORG, SURVEY, "q2", "not_a_rating", "great", TestContacts.id(PHONE)))
                .add("resp-1", new QuestionAnswered("resp-1", ORG, SURVEY, 2, "q2", QuestionType.RATING,
                        AnswerValue.number(4), "wamid.2", TestContacts.id(PHONE)))
                .add("resp-1", new QuestionAnswered("resp-1", ORG, SURVEY, 2, "q3", QuestionType.MEDIA,
                        AnswerValue.media(new MediaAnswer("image", "media-7", "image/jpeg", "the stage", null, false)),
                        "wamid.3", TestContacts.id(PHONE)))
                .add("resp-1", new QuestionAnswered("resp-1", ORG, SURVEY, 2, "q4", QuestionType.SINGLE_CHOICE,
                        AnswerValue.choices(List.of(new Option("radio", "Radio"))), "wamid.4", TestContacts.id(PHONE)))
                .add("resp-1", new SurveyResponseCompleted("resp-1", ORG, SURVEY, 2, TestContacts.id(PHONE), 4, 0.25))
                // response 2: skip logic jumps over q2 and q3, then abandoned at q4
                .add("resp-2", new SurveyResponseStarted("resp-2", ORG, SURVEY, 2, TestContacts.id("+254722000111"), "+254722000111", STREAM + "x",
                        "broadcast", v2, Duration.ofMinutes(30)))
                .add("resp-2", new QuestionAnswered("resp-2", ORG, SURVEY, 2, "q1", QuestionType.YES_NO,
                        AnswerValue.flag(false), "wamid.5", TestContacts.id(PHONE)))
                .add("resp-2", new QuestionSkipped("resp-2", ORG, SURVEY, "q2", QuestionSkipped.BY_SKIP_LOGIC))
                .add("resp-2", new QuestionSkipped("resp-2", ORG, SURVEY, "q3", QuestionSkipped.BY_SKIP_LOGIC))
                .add("resp-2", new AnswerRejected("resp-2", ORG, SURVEY, "q4", "unknown_option", "tv", TestContacts.id(PHONE)))
                .add("resp-2", new AnswerRejected("resp-2", ORG, SURVEY, "q4", "unknown_option", "tv!", TestContacts.id(PHONE)))
                .add("resp-2", new SurveyResponseAbandoned("resp-2", ORG, SURVEY, 2, "q4", 1,
                        SurveyResponseAbandoned.INACTIVITY))
                .add(SURVEY, new SurveyArchived(SURVEY, ORG, 2));
    }

    @Test
    void scriptedHistoryBuildsSurveysResponsesAndAttachments() throws Exception {
        projector.apply(history().events());

        Map<String, Object> survey = jdbc.queryForMap("""
                SELECT id, organization_id, title, version, status, array_to_string(whatsapp_keywords, ',') AS keywords,
                       jsonb_array_length(questions) AS question_count, logic::text AS logic
                FROM surveys""");
        assertThat(survey).containsEntry("organization_id", ORG).containsEntry("title", "Expo feedback v2")
                .containsEntry("version", 2).containsEntry("status", "archived")
                .containsEntry("keywords", "feedback,expo").containsEntry("question_count", 4);
        JsonNode logic = json.readTree((String) survey.get("logic"));
        assertThat(logic.fieldNames()).toIterable().containsExactly("q1");
        assertThat(logic.get("q1").get(0).get("goTo").asText()).isEqualTo("q4");
        assertThat(jdbc.queryForList("SELECT version FROM survey_versions ORDER BY version", Integer.class))
                .containsExactly(1, 2);

        Map<String, Object> done = jdbc.queryForMap(
                "SELECT *, answers::text AS answers_text, answer_values->'q2'->>'number' AS q2_number "
                        + "FROM survey_responses WHERE id = 'resp-1'");
        assertThat(done).containsEntry("status", "completed").containsEntry("answered_count", 4)
                .containsEntry("rejected_count", 1).containsEntry("last_question_id", "q4")
                .containsEntry("contact_id", ContactIds.of(TestContacts.id(PHONE))).containsEntry("source", "keyword")
                .containsEntry("conversation_id", STREAM).containsEntry("survey_version", 2)
                .containsEntry("q2_number", "4");
        assertThat((BigDecimal) done.get("sentiment_score")).isEqualByComparingTo("0.25");
        assertThat(json.readTree((String) done.get("answers_text"))).isEqualTo(json.readTree(
                "{\"q1\": \"Yes\", \"q2\": \"4\", \"q3\": \"[image]: the stage\", \"q4\": \"Radio\"}"));
        assertThat(done.get("completed_at")).isNotNull();
        assertThat(done.get("abandoned_at")).isNull();

        Map<String, Object> stopped = jdbc.queryForMap(
                "SELECT *, skipped::text AS skipped_text FROM survey_responses WHERE id = 'resp-2'");
        assertThat(stopped).containsEntry("status", "abandoned").containsEntry("abandon_reason", "inactivity")
                .containsEntry("last_question_id", "q4").containsEntry("answered_count", 1)
                .containsEntry("rejected_count", 2);
        assertThat(json.readTree((String) stopped.get("skipped_text")))
                .isEqualTo(json.readTree("{\"q2\": \"skip_logic\", \"q3\": \"skip_logic\"}"));

        assertThat(jdbc.queryForMap("SELECT * FROM response_attachments"))
                .containsEntry("response_id", "resp-1").containsEntry("question_id", "q3")
                .containsEntry("organization_id", ORG).containsEntry("media_id", "media-7")
                .containsEntry("mime_type", "image/jpeg").containsEntry("kind", "image")
                .containsEntry("caption", "the stage").containsEntry("message_id", "wamid.3");
    }

    @Test
    void applyingTheHistoryTwiceChangesNothing() {
        History history = history();
        projector.apply(history.events());
        Map<String, List<String>> once = Tables.snapshot(jdbc, SurveysProjection.TABLES);

        projector.apply(history.events());
        projector.apply(history.get(4));   // a rejected answer redelivered after the response completed
        projector.apply(history.get(0));   // version 1 redelivered after version 2

        assertThat(Tables.snapshot(jdbc, SurveysProjection.TABLES)).isEqualTo(once);
        assertThat(jdbc.queryForObject("SELECT rejected_count FROM survey_responses WHERE id = 'resp-1'",
                Integer.class)).isEqualTo(1);
    }

    @Test
    void anOlderVersionNeverReplacesANewerOne() {
        History history = history();
        projector.apply(history.get(1));
        projector.apply(history.get(0));

        assertThat(jdbc.queryForMap("SELECT version, title, status FROM surveys"))
                .containsEntry("version", 2).containsEntry("title", "Expo feedback v2")
                .containsEntry("status", "active");
    }
}
