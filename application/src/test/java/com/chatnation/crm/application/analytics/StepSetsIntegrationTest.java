package com.chatnation.crm.application.analytics;

import com.chatnation.crm.application.support.AdminClient;
import com.chatnation.crm.application.support.Conversations;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Step sets over real HTTP on PostgreSQL: a set defined before the contacts talk (counted live) and an identical one
 * defined afterwards (backfilled from the event store) record the same rows and give the same funnels; refusals,
 * templates, deletion and another organization's view.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class StepSetsIntegrationTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String P1 = "+254722500001";
    private static final String P2 = "+254722500002";
    private static final String P3 = "+254722500003";

    /** Messages, surveys started, the first question answered 4 or 5 (in), surveys completed. */
    private static final String RULES = """
            {"name": "Survey path", "steps": [
              {"key": "message", "name": "Wrote", "events": [{"type": "MessageReceived", "conditions": [
                {"path": "contactId", "op": "exists"}]}]},
              {"key": "survey", "name": "Survey started", "events": [{"type": "SurveyResponseStarted"}]},
              {"key": "rated", "name": "Rated 4 or 5", "events": [{"type": "QuestionAnswered", "conditions": [
                {"path": "questionId", "op": "eq", "value": "q1"},
                {"path": "questionType", "op": "neq", "value": "FREE_TEXT"}]}]},
              {"key": "done", "name": "Completed", "events": [{"type": "SurveyResponseCompleted"}]}]}""";

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void aSetDefinedAfterTheEventsGivesWhatTheSameSetDefinedBeforeGives() throws Exception {
        AdminClient platform = new AdminClient("http://localhost:" + port);
        Conversations org = new Conversations(platform, 500);
        Conversations other = new Conversations(platform, 0);
        AdminClient owner = org.admin;
        org.publishFeedbackSurvey("pulse");

        AdminClient.Response before = owner.put(org.path("/step-sets/before"), JSON.readTree(RULES));
        assertThat(before.status()).as(before.toString()).isEqualTo(202);
        assertThat(before.body().path("steps")).extracting(s -> s.path("funnelStep").asText())
                .containsExactly("before:message", "before:survey", "before:rated", "before:done");
        eventually(() -> owner.get(org.path("/step-sets/before/backfill")).body(),
                body -> "completed".equals(body.path("state").asText()));

        // P1 takes the whole survey, P2 only says hi, P3 starts the survey and stops after the first answer
        for (String text : List.of("hi", "pulse", "5", "yes", "The music", "Nothing else")) {
            org.says(P1, text);
        }
        org.says(P2, "hi");
        org.says(P3, "pulse");
        org.says(P3, "4");

        define(owner, org, "before-funnel", "before");
        define(owner, org, "after-funnel", "after");
        // worked out by hand: 3 contacts wrote (P1 and P3 twice or more), 2 started the survey, both rated, 1 completed
        JsonNode live = eventually(() -> owner.get(org.path("/funnels/before-funnel?breakdown=source")).body(),
                body -> entered(body).equals(List.of(3L, 2L, 2L, 1L)));
        assertThat(live.path("overallConversionPercent").asDouble()).isEqualTo(33.3);
        // every message of the three contacts is a row: P1 six, P2 one, P3 two
        eventually(() -> JSON.valueToTree(stepRows("before")), rows -> rows.size() == 9 + 2 + 2 + 1);

        AdminClient.Response after = owner.put(org.path("/step-sets/after"), JSON.readTree(RULES));
        assertThat(after.status()).as(after.toString()).isEqualTo(202);
        assertThat(after.body().path("backfill").path("state").asText()).isIn("running", "completed");
        JsonNode progress = eventually(() -> owner.get(org.path("/step-sets/after/backfill")).body(),
                body -> "completed".equals(body.path("state").asText()));
        assertThat(progress.path("eventsTotal").asLong()).isPositive();
        assertThat(progress.path("eventsRead").asLong()).isGreaterThanOrEqualTo(progress.path("eventsTotal").asLong());
        assertThat(progress.path("percent").asDouble()).isEqualTo(100.0);
        assertThat(progress.path("stepsRecorded").asLong()).isEqualTo(14);
        assertThat(progress.path("version").asLong()).isEqualTo(1);

        assertThat(stepRows("after")).isEqualTo(stepRows("before")).hasSize(14);
        for (String breakdown : List.of("none", "source", "cohort")) {
            JsonNode a = owner.get(org.path("/funnels/before-funnel?breakdown=" + breakdown)).body();
            JsonNode b = owner.get(org.path("/funnels/after-funnel?breakdown=" + breakdown)).body();
            assertThat(figures(b)).as(breakdown).isEqualTo(figures(a));
        }
        assertThat(figures(owner.get(org.path("/funnels/after-funnel?breakdown=source")).body()).path("groups"))
                .extracting(g -> g.path("key").asText() + "=" + g.path("contacts").asLong())
                .containsExactlyInAnyOrder("keyword:hi=2", "keyword:pulse=1");

        // changing a set replaces its rows: only completions now
        AdminClient.Response changed = owner.put(org.path("/step-sets/after"), JSON.readTree("""
                {"name": "Completions", "steps": [{"key": "done", "events": [{"type": "SurveyResponseCompleted"}]}]}"""));
        assertThat(changed.status()).isEqualTo(202);
        assertThat(changed.body().path("version").asLong()).isEqualTo(2);
        eventually(() -> owner.get(org.path("/step-sets/after/backfill")).body(),
                body -> "completed".equals(body.path("state").asText()) && body.path("version").asLong() == 2);
        assertThat(stepRows("after")).containsExactly(stepRows("before").stream()
                .filter(row -> row.startsWith("done ")).findFirst().orElseThrow());

        // the list, a template, and deletion
        assertThat(owner.get(org.path("/step-sets")).body().path("stepSets"))
                .extracting(s -> s.path("key").asText()).containsExactly("after", "before");
        AdminClient.Response elevate = owner.put(org.path("/step-sets/elevate"),
                Map.of("template", "elevate", "nameQuestionId", "q3"));
        assertThat(elevate.status()).as(elevate.toString()).isEqualTo(202);
        assertThat(elevate.body().path("template").asText()).isEqualTo("elevate");
        assertThat(elevate.body().path("steps")).extracting(s -> s.path("key").asText()).containsExactly("hook",
                "gift", "identify", "engage", "sell", "nurture", "upsell", "educate", "share");
        assertThat(elevate.body().path("steps").get(2).path("events").get(0).path("conditions").get(0)
                .path("value").asText()).isEqualTo("q3");
        eventually(() -> owner.get(org.path("/step-sets/elevate/backfill")).body(),
                body -> "completed".equals(body.path("state").asText()));
        // P1 answered q3 ("The music"): Identify; nobody came from an ad
        assertThat(stepRows("elevate")).hasSize(1).allMatch(row -> row.startsWith("identify "));
        assertThat(owner.delete(org.path("/step-sets/after")).status()).isEqualTo(204);
        assertThat(owner.delete(org.path("/step-sets/after")).status()).isEqualTo(404);
        assertThat(stepRows("after")).isEmpty();
        assertThat(owner.get(org.path("/step-sets/after/backfill")).status()).isEqualTo(404);

        // another organization sees none of it
        assertThat(other.admin.get(other.path("/step-sets")).body().path("stepSets")).isEmpty();
        assertThat(other.admin.get(other.path("/step-sets/before")).status()).isEqualTo(404);
        assertThat(other.admin.get(org.path("/step-sets/before")).status()).isEqualTo(403);
        assertThat(other.admin.get(org.path("/step-sets/before/backfill")).status()).isEqualTo(403);
    }

    @Test
    void badRulesAreRefusedWithTheFieldNamed() throws Exception {
        AdminClient platform = new AdminClient("http://localhost:" + port);
        Conversations org = new Conversations(platform, 0);
        AdminClient owner = org.admin;

        assertRefused(owner.put(org.path("/step-sets/bad"), JSON.readTree("""
                {"name": "x", "steps": [{"key": "a", "events": [{"type": "MessageRecieved"}]}]}""")),
                422, "steps[0].events[0].type", "'MessageRecieved' is not a known event type");
        assertRefused(owner.put(org.path("/step-sets/bad"), JSON.readTree("""
                {"name": "x", "steps": [{"key": "a", "events": [{"type": "TokensPurchased"}]}]}""")),
                422, "steps[0].events[0].type", "carries no contactId");
        assertRefused(owner.put(org.path("/step-sets/bad"), JSON.readTree("""
                {"name": "x", "steps": [{"key": "a", "events": [{"type": "QuestionAnswered",
                  "conditions": [{"path": "question", "op": "eq", "value": "q1"}]}]}]}""")),
                422, "steps[0].events[0].conditions[0].path", "QuestionAnswered has no field 'question'");
        assertRefused(owner.put(org.path("/step-sets/bad"), JSON.readTree("""
                {"name": "x", "steps": [{"key": "a", "events": [{"type": "QuestionAnswered",
                  "conditions": [{"path": "questionId", "op": "~", "value": "q1"}]}]}]}""")),
                400, "steps[0].events[0].conditions[0].op", "is not an operator");
        assertRefused(owner.put(org.path("/step-sets/bad"), JSON.readTree("""
                {"name": "x", "steps": [{"key": "a", "events": [{"type": "QuestionAnswered",
                  "conditions": [{"path": "questionId", "op": "in", "value": "q1"}]}]}]}""")),
                400, "steps[0].events[0].conditions[0].value", "in needs an array");
        assertRefused(owner.put(org.path("/step-sets/bad"), Map.of("template", "nope")), 422, "template",
                "template 'nope' is not one of elevate, bot");
        assertRefused(owner.put(org.path("/step-sets/Bad!"), JSON.readTree(RULES)), 400, "key", "step set key");
        assertThat(owner.get(org.path("/step-sets")).body().path("stepSets")).as("nothing was defined").isEmpty();

        JsonNode templates = owner.get(org.path("/step-sets/templates")).body();
        assertThat(templates.path("templates")).extracting(t -> t.path("key").asText()).containsExactly("elevate", "bot");
        assertThat(templates.path("operators")).extracting(JsonNode::asText).containsExactly("exists", "eq", "neq", "in");
        assertThat(StreamSupport.stream(templates.path("eventTypes").spliterator(), false)
                .filter(t -> t.path("type").asText().equals("TokensPurchased")).findFirst().orElseThrow()
                .path("namesAContact").asBoolean()).isFalse();
        JsonNode received = StreamSupport.stream(templates.path("eventTypes").spliterator(), false)
                .filter(t -> t.path("type").asText().equals("MessageReceived")).findFirst().orElseThrow();
        assertThat(received.path("fields")).extracting(JsonNode::asText).as("sealed members are not offered")
                .contains("contactId", "context").doesNotContain("content", "contactPhone", "profileName");
    }

    private static void assertRefused(AdminClient.Response response, int status, String field, String message) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.body().path("detail").asText()).as(response.toString()).contains(message);
        assertThat(response.body().path("errors").get(0).path("field").asText()).isEqualTo(field);
    }

    private static void define(AdminClient owner, Conversations org, String funnel, String set) {
        AdminClient.Response response = owner.put(org.path("/funnels/" + funnel), Map.of("name", funnel,
                "steps", List.of(set + ":message", set + ":survey", set + ":rated", set + ":done"),
                "conversionWindow", "P1D"));
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
    }

    /** Step, contact, event and time of every row of the set: equal lists mean equal rows. */
    private List<String> stepRows(String set) {
        return jdbc.queryForList("""
                SELECT step || ' ' || contact_id || ' ' || event_id || ' ' || occurred_at
                FROM custom_step_events WHERE step_set = ? ORDER BY 1""", String.class, set);
    }

    /** The funnel's figures without its definition (whose key and steps differ between the two sets). */
    private static JsonNode figures(JsonNode funnel) {
        JsonNode copy = funnel.deepCopy();
        ((com.fasterxml.jackson.databind.node.ObjectNode) copy).remove("funnel");
        for (JsonNode step : copy.path("steps")) {
            ((com.fasterxml.jackson.databind.node.ObjectNode) step).remove("step");
        }
        for (JsonNode group : copy.path("groups")) {
            for (JsonNode step : group.path("steps")) {
                ((com.fasterxml.jackson.databind.node.ObjectNode) step).remove("step");
            }
        }
        return copy;
    }

    private static List<Long> entered(JsonNode funnel) {
        return StreamSupport.stream(funnel.path("steps").spliterator(), false)
                .map(step -> step.path("entered").asLong()).toList();
    }

    private static JsonNode eventually(Supplier<JsonNode> read, Predicate<JsonNode> ready) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
        JsonNode last = read.get();
        while (!ready.test(last)) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("not there in time; last answer: " + last);
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            last = read.get();
        }
        return last;
    }
}
