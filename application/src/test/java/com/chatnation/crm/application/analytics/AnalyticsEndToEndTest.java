package com.chatnation.crm.application.analytics;

import com.chatnation.crm.application.support.AdminClient;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Contacts talk to the bot through the organization's simulator; the journey and rollup projections (tracking processors)
 * catch up, and the dashboard API reads funnels, survey drop-off and rollups from them.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class AnalyticsEndToEndTest {

    private static final String P1 = "+254711000001";
    private static final String P2 = "+254711000002";
    private static final String P3 = "+254711000003";

    @LocalServerPort
    int port;

    @Test
    void conversationsShowUpInFunnelsSurveyDropOffAndRollups() {
        AdminClient platform = new AdminClient("http://localhost:" + port);
        Organizations org = Organizations.onboard(platform);
        ApiClient api = new ApiClient(port, org.apiKey());
        assertThat(platform.post("/admin/organizations/" + org.id() + "/wallet/purchases",
                Map.of("paymentReference", "initial", "amount", 500)).status()).isLessThan(300);
        AdminClient owner = AdminClient.bearer("http://localhost:" + port, org.ownerToken());
        String surveyId = publishSurvey(owner, org);

        // P1: menu, then the survey by keyword, completed
        says(owner, org, P1, "hi");
        says(owner, org, P1, "pulse");
        says(owner, org, P1, "5");
        says(owner, org, P1, "yes");
        says(owner, org, P1, "The music");
        says(owner, org, P1, "Nothing else");
        // P2: menu only
        says(owner, org, P2, "hi");
        // P3: straight to the survey, stops after the first answer
        says(owner, org, P3, "pulse");
        says(owner, org, P3, "4");

        JsonNode engagement = eventually(() -> api.get(org.path("/funnels/engagement?breakdown=source")).body(),
                body -> entered(body).equals(List.of(3L, 2L, 1L, 1L)));
        assertThat(engagement.path("overallConversionPercent").asDouble()).isEqualTo(33.3);
        assertThat(engagement.path("steps").get(0).path("converted").asLong()).isEqualTo(2);
        assertThat(engagement.path("steps").get(0).path("dropOff").asLong()).isEqualTo(1);
        assertThat(engagement.path("steps").get(1).path("conversionPercent").asDouble()).isEqualTo(50.0);
        assertThat(engagement.path("steps").get(3).has("converted")).isFalse();
        assertThat(engagement.path("groups")).extracting(g -> g.path("key").asText() + "=" + g.path("contacts"))
                .containsExactly("keyword:hi=2", "keyword:pulse=1");

        JsonNode survey = eventually(() -> api.get(org.path("/survey-funnels/" + surveyId)).body(),
                body -> body.path("started").asLong() == 2 && body.path("completed").asLong() == 1
                        && body.path("questions").path(0).path("answered").asLong() == 2);
        assertThat(survey.path("title").asText()).isEqualTo("Pulse");
        assertThat(survey.path("inProgress").asLong()).isEqualTo(1);
        assertThat(survey.path("questions")).extracting(q -> q.path("questionId").asText() + ":"
                        + q.path("reached") + "/" + q.path("answered"))
                .containsExactly("q1:2/2", "q2:1/1", "q3:1/1", "q4:1/1");

        // a funnel defined now covers what already happened, without waiting for anything
        assertThat(owner.put(org.path("/funnels/survey-finish"), Map.of("name", "Survey finish",
                "steps", List.of("survey_started", "survey_completed"), "conversionWindow", "P1D")).status())
                .isEqualTo(200);
        JsonNode finish = api.get(org.path("/funnels/survey-finish?breakdown=source")).body();
        assertThat(entered(finish)).containsExactly(2L, 1L);
        assertThat(finish.path("steps").get(0).path("medianSecondsToConvert").asDouble()).isPositive();
        assertThat(finish.path("groups")).extracting(g -> g.path("key").asText()).containsExactly("keyword:pulse");

        JsonNode rollups = eventually(() -> api.get(org.path("/rollups/daily")).body(),
                body -> body.path("totals").path("messages.in").path("value").asLong() == 9
                        && body.path("totals").path("surveys.completed").path("value").asLong() == 1);
        JsonNode totals = rollups.path("totals");
        assertThat(totals.path("contacts.new").path("value").asLong()).isEqualTo(3);
        assertThat(totals.path("messages.in").path("dimensions").path("text").asLong()).isEqualTo(9);
        assertThat(totals.path("surveys.started").path("dimensions").path(surveyId).asLong()).isEqualTo(2);
        assertThat(rollups.path("days")).hasSize(30);
        assertThat(rollups.path("days").get(29).path("metrics").path("contacts.active").path("value").asLong())
                .isEqualTo(3);
    }

    private static String publishSurvey(AdminClient owner, Organizations org) {
        AdminClient.Response published = owner.post(org.path("/surveys"), Map.of(
                "title", "Pulse", "intro", "Two minutes?", "thankYou", "Thanks!", "keywords", List.of("pulse"),
                "questions", List.of(
                        Map.of("id", "q1", "text", "How would you rate the event?", "type", "RATING", "required", true),
                        Map.of("id", "q2", "text", "Would you come again?", "type", "YES_NO", "required", true),
                        Map.of("id", "q3", "text", "What did you like most?", "type", "FREE_TEXT", "required", true),
                        Map.of("id", "q4", "text", "Anything else?", "type", "FREE_TEXT", "required", false))));
        assertThat(published.status()).as(published.toString()).isEqualTo(201);
        return published.text("surveyId");
    }

    private static void says(AdminClient owner, Organizations org, String phone, String text) {
        AdminClient.Response response = owner.post(org.path("/inbound-messages"), Map.of("from", phone, "text", text));
        assertThat(response.status()).as(response.toString()).isEqualTo(202);
    }

    private static List<Long> entered(JsonNode funnel) {
        return java.util.stream.StreamSupport.stream(funnel.path("steps").spliterator(), false)
                .map(step -> step.path("entered").asLong()).toList();
    }

    /** Projections are tracking processors: poll until the figures are there. */
    private static JsonNode eventually(Supplier<JsonNode> read, Predicate<JsonNode> ready) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        JsonNode last = read.get();
        while (!ready.test(last)) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("figures did not appear in time; last answer: " + last);
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
