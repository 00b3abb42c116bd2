package com.chatnation.crm.application.polls;

import com.chatnation.crm.application.support.AdminClient;
import com.chatnation.crm.application.support.Conversations;
import com.chatnation.crm.application.support.GraphApiStandIn;
import com.chatnation.crm.application.support.GraphApiStandIn.Sent;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Polls through the service on real PostgreSQL: created over the API, shown by keyword, voted by tapping and typing,
 * changed, closed by hand and by schedule, with results live and after a rebuild of the polls' read tables.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class PollsIntegrationTest {

    private static final GraphApiStandIn GRAPH = GraphApiStandIn.shared();

    @LocalServerPort
    int port;

    @org.springframework.beans.factory.annotation.Autowired
    org.springframework.jdbc.core.JdbcTemplate jdbc;

    AdminClient platform;

    @BeforeEach
    void client() {
        platform = new AdminClient("http://localhost:" + port);
    }

    private static String phone() {
        return "+2547" + (10_000_000 + (long) (Math.random() * 89_999_999));
    }

    private static Conversations organization(AdminClient platform) {
        return new Conversations(platform, 100, List.of(Map.of("module", "polls", "action", "reply", "tokens", 3)));
    }

    private static String createPoll(Conversations org, Map<String, Object> poll) {
        AdminClient.Response created = org.admin.post(org.path("/polls"), poll);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.text("pollId");
    }

    @Test
    void contactsVoteByTapAndByTypingChangeTheirVoteAndLateVotesAreAnsweredButNotCounted() throws Exception {
        Conversations org = organization(platform);
        String pollId = createPoll(org, Map.of("question", "What topic should we cover next?",
                "options", List.of("AI", "Cloud", "Security"), "votesChangeable", true, "keyword", " Vote "));
        String ann = phone();
        String ben = phone();

        org.says(ann, "VOTE");
        Sent ballot = GRAPH.awaitSentTo(ann, 1).get(0);
        assertThat(ballot.text()).isEqualTo("What topic should we cover next?");
        JsonNode buttons = ballot.body().path("interactive").path("action").path("buttons");
        assertThat(buttons).hasSize(3);
        assertThat(buttons.get(1).path("reply").path("id").asText()).isEqualTo("poll:" + pollId + ":2");
        assertThat(buttons.get(1).path("reply").path("title").asText()).isEqualTo("Cloud");

        org.taps(ann, "poll:" + pollId + ":2", "Cloud", false);
        assertThat(GRAPH.awaitSentTo(ann, 2).get(1).text()).isEqualTo("Thanks! Your vote for *Cloud* is counted.");

        org.says(ben, "vote");
        GRAPH.awaitSentTo(ben, 1);
        org.says(ben, "1");
        assertThat(GRAPH.awaitSentTo(ben, 2).get(1).text()).isEqualTo("Thanks! Your vote for *AI* is counted.");

        // the buttons stay in the chat: tapping another one changes the vote, tapping the same one changes nothing
        org.taps(ann, "poll:" + pollId + ":3", "Security", false);
        assertThat(GRAPH.awaitSentTo(ann, 3).get(2).text())
                .isEqualTo("Done: your vote is now for *Security* (it was *Cloud*).");
        org.taps(ann, "poll:" + pollId + ":3", "Security", false);
        assertThat(GRAPH.awaitSentTo(ann, 4).get(3).text()).isEqualTo("Your vote for *Security* is already counted.");

        JsonNode live = awaitResults(org, pollId, results -> results.path("votes").asLong() == 2
                && results.path("changes").asLong() == 1);
        assertThat(counts(live)).containsExactly(1L, 0L, 1L);
        assertThat(live.path("options").get(0).path("percent").decimalValue()).isEqualByComparingTo("50.0");
        assertThat(live.path("poll").path("status").asText()).isEqualTo("open");
        // six replies about the poll at 3 tokens each, billed to the polls module
        assertThat(eventually(org::balance, 82L)).isEqualTo(82L);

        AdminClient.Response closed = org.admin.post(org.path("/polls/" + pollId + "/close"), Map.of());
        assertThat(closed.status()).isEqualTo(200);
        assertThat(closed.body().path("closedAt").isTextual()).isTrue();
        awaitResults(org, pollId, results -> "closed".equals(results.path("poll").path("status").asText())
                && "closed".equals(results.path("poll").path("closeReason").asText()));
        assertThat(org.admin.post(org.path("/polls/" + pollId + "/close"), Map.of()).status()).isEqualTo(409);

        String late = phone();
        org.taps(late, "poll:" + pollId + ":1", "AI", false);
        assertThat(GRAPH.awaitSentTo(late, 1).get(0).text()).contains("voting in this poll has closed");
        org.says(late, "vote");
        assertThat(GRAPH.awaitSentTo(late, 2).get(1).text()).contains("has closed");
        Thread.sleep(500);
        assertThat(counts(org.admin.get(org.path("/polls/" + pollId)).body())).containsExactly(1L, 0L, 1L);
    }

    @Test
    void anOpenPollIsSentToAnAudienceAsItsBallotAndTheTapsAreVotes() throws Exception {
        Conversations org = new Conversations(platform, 100, List.of(
                Map.of("module", "polls", "action", "reply", "tokens", 1),
                Map.of("module", "polls", "action", "send_poll", "tokens", 2)));
        String pollId = createPoll(org, Map.of("question", "Best show this week?", "options", List.of("Morning", "Drive")));
        String ann = phone();
        String ben = phone();
        String carl = phone();
        for (String listener : List.of(ann, ben, carl)) {
            org.says(listener, "hello");
            GRAPH.awaitSentTo(listener, 1);
        }
        org.says(carl, "stop"); // opted out of marketing: left out
        GRAPH.awaitSentTo(carl, 2);
        for (String listener : List.of(ann, ben, carl)) {
            String contactId = contactIdOf(org, listener);
            assertThat(org.admin.put(org.path("/contacts/" + contactId + "/tags/listener"), Map.of()).status())
                    .isEqualTo(204);
        }
        AdminClient.Response audience = org.admin.post(org.path("/audiences"), Map.of("name", "Listeners",
                "conditions", List.of(Map.of("type", "tag", "tags", List.of("listener")))));
        assertThat(audience.status()).as(audience.toString()).isEqualTo(201);
        String audienceId = audience.text("id");
        eventually(() -> jdbc.queryForObject("SELECT count(*) FROM contact_tags WHERE organization_id = ? AND tag = 'listener'",
                Long.class, org.organizationId), 3L);

        AdminClient.Response sent = org.admin.post(org.path("/polls/" + pollId + "/sends"),
                Map.of("audienceId", audienceId));
        assertThat(sent.status()).as(sent.toString()).isEqualTo(200);
        assertThat(sent.body().path("sent").asInt()).isEqualTo(2);
        assertThat(sent.body().path("optedOut").asInt()).isEqualTo(1);
        Sent ballot = GRAPH.awaitSentTo(ann, 2).get(1);
        assertThat(ballot.body().path("interactive").path("action").path("buttons").get(1).path("reply").path("id")
                .asText()).isEqualTo("poll:" + pollId + ":2");
        GRAPH.awaitSentTo(ben, 2);
        org.taps(ann, "poll:" + pollId + ":2", "Drive", false);
        assertThat(GRAPH.awaitSentTo(ann, 3).get(2).text()).isEqualTo("Thanks! Your vote for *Drive* is counted.");
        assertThat(counts(awaitResults(org, pollId, results -> results.path("votes").asLong() == 1)))
                .containsExactly(0L, 1L);
        assertThat(GRAPH.sentTo(carl)).hasSize(2);

        assertThat(org.admin.post(org.path("/polls/" + pollId + "/sends"), Map.of("audienceId",
                java.util.UUID.randomUUID().toString())).status()).isEqualTo(404);
        assertThat(org.admin.post(org.path("/polls/" + pollId + "/sends"), Map.of()).status()).isEqualTo(400);
        assertThat(org.admin.post(org.path("/polls/" + pollId + "/close"), Map.of()).status()).isEqualTo(200);
        AdminClient.Response closed = org.admin.post(org.path("/polls/" + pollId + "/sends"),
                Map.of("audienceId", audienceId));
        assertThat(closed.status()).isEqualTo(409);
        assertThat(closed.body().path("code").asText()).isEqualTo("poll_closed");
    }

    @Test
    void aPollWithManyOptionsIsAListAndAForgedOrForeignTapIsAnsweredPolitely() {
        Conversations org = organization(platform);
        Conversations other = organization(platform);
        String pollId = createPoll(org, Map.of("question", "Song of the week?", "keyword", "song",
                "options", List.of("Sura Yako", "Melanin", "Extravaganza", "Tiririka")));
        String theirs = createPoll(other, Map.of("question", "Theirs?", "options", List.of("Yes", "No")));
        String contact = phone();

        org.says(contact, "song");
        Sent ballot = GRAPH.awaitSentTo(contact, 1).get(0);
        JsonNode rows = ballot.body().path("interactive").path("action").path("sections").get(0).path("rows");
        assertThat(rows).hasSize(4);
        assertThat(rows.get(3).path("id").asText()).isEqualTo("poll:" + pollId + ":4");
        org.says(contact, "tiririka");
        assertThat(GRAPH.awaitSentTo(contact, 2).get(1).text()).isEqualTo("Thanks! Your vote for *Tiririka* is counted.");

        org.taps(contact, "poll:" + theirs + ":1", "Yes", true);
        assertThat(GRAPH.awaitSentTo(contact, 3).get(2).text()).isEqualTo("Sorry, that poll is no longer available.");
        org.taps(contact, "poll:no-such-poll:1", "Yes", true);
        assertThat(GRAPH.awaitSentTo(contact, 4).get(3).text()).isEqualTo("Sorry, that poll is no longer available.");
        assertThat(org.admin.get(org.path("/polls/" + theirs)).status()).isEqualTo(404);
        assertThat(org.admin.post(org.path("/polls/" + theirs + "/close"), Map.of()).status()).isEqualTo(404);
        assertThat(counts(awaitResults(other, theirs, results -> true))).containsExactly(0L, 0L);
    }

    @Test
    void badPollsAreRefusedWithTheRuleTheyBreak() {
        Conversations org = organization(platform);
        org.publishFeedbackSurvey("feedback");
        createPoll(org, Map.of("question", "Open?", "options", List.of("Yes", "No"), "keyword", "open poll"));

        assertThat(refusal(org, Map.of("question", "One?", "options", List.of("Only")))).isEqualTo("422 invalid_options");
        assertThat(refusal(org, Map.of("question", "Twins?", "options", List.of("Yes", "yes"))))
                .isEqualTo("422 invalid_options");
        assertThat(refusal(org, Map.of("question", "Long?",
                "options", List.of("Yes", "An option far too long for WhatsApp")))).isEqualTo("422 invalid_options");
        assertThat(refusal(org, Map.of("question", "Backwards?", "options", List.of("Yes", "No"),
                "opensAt", "2031-01-02T00:00:00Z", "closesAt", "2031-01-01T00:00:00Z")))
                .isEqualTo("422 closes_before_opening");
        assertThat(refusal(org, Map.of("question", "Past?", "options", List.of("Yes", "No"),
                "closesAt", "2020-01-01T00:00:00Z"))).isEqualTo("422 closes_in_the_past");
        assertThat(refusal(org, Map.of("question", "Clash?", "options", List.of("Yes", "No"), "keyword", "Feedback")))
                .startsWith("409");
        assertThat(refusal(org, Map.of("question", "Clash?", "options", List.of("Yes", "No"), "keyword", "open  POLL")))
                .startsWith("409");
        assertThat(refusal(org, Map.of("question", "Menu?", "options", List.of("Yes", "No"), "keyword", "Menu")))
                .isEqualTo("409 keyword_reserved");
        assertThat(org.admin.post(org.path("/polls"), Map.of("options", List.of("Yes", "No"))).status())
                .isEqualTo(400);
        assertThat(org.admin.postRaw(org.path("/polls"), "{\"question\": ").status()).isEqualTo(400);
        assertThat(org.admin.get(org.path("/polls")).body().path("items")).hasSize(1);
    }

    @Test
    void aPollClosesOnItsOwnAtItsClosingTimeAndItsResultsSurviveARebuild() throws Exception {
        Conversations org = organization(platform);
        String pollId = createPoll(org, Map.of("question", "Quick one?", "options", List.of("Yes", "No"),
                "keyword", "quick", "closesAt", Instant.now().plusSeconds(4).toString()));
        String contact = phone();
        org.says(contact, "quick");
        GRAPH.awaitSentTo(contact, 1);
        org.says(contact, "no");
        assertThat(GRAPH.awaitSentTo(contact, 2).get(1).text()).isEqualTo("Thanks! Your vote for *No* is counted.");

        JsonNode closed = awaitResults(org, pollId, results -> "closed".equals(results.path("poll").path("status").asText())
                && "scheduled".equals(results.path("poll").path("closeReason").asText()));
        assertThat(counts(closed)).containsExactly(0L, 1L);

        AdminClient.Response rebuild = platform.post("/admin/replay/crm-engagement", Map.of());
        assertThat(rebuild.status()).isEqualTo(202);
        Instant deadline = Instant.now().plusSeconds(60);
        String state = "running";
        while ("running".equals(state) && Instant.now().isBefore(deadline)) {
            Thread.sleep(100);
            state = platform.get("/admin/replay/crm-engagement").body().path("state").asText();
        }
        assertThat(state).isEqualTo("completed");
        JsonNode rebuilt = org.admin.get(org.path("/polls/" + pollId)).body();
        assertThat(rebuilt.path("options")).isEqualTo(closed.path("options"));
        assertThat(rebuilt.path("poll").path("closedAt")).isEqualTo(closed.path("poll").path("closedAt"));
    }

    private static String refusal(Conversations org, Map<String, Object> poll) {
        AdminClient.Response response = org.admin.post(org.path("/polls"), poll);
        return response.status() + " " + response.body().path("code").asText();
    }

    private static List<Long> counts(JsonNode results) {
        List<Long> counts = new ArrayList<>();
        results.path("options").forEach(option -> counts.add(option.path("votes").asLong()));
        return counts;
    }

    private static JsonNode awaitResults(Conversations org, String pollId, Predicate<JsonNode> done) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        JsonNode last = null;
        while (Instant.now().isBefore(deadline)) {
            AdminClient.Response response = org.admin.get(org.path("/polls/" + pollId));
            if (response.status() == 200 && done.test(response.body())) {
                return response.body();
            }
            last = response.body();
            sleep();
        }
        throw new AssertionError("poll results never got there: " + last);
    }

    private String contactIdOf(Conversations org, String phone) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        while (Instant.now().isBefore(deadline)) {
            List<String> ids = jdbc.queryForList("SELECT id::text FROM contacts WHERE organization_id = ? AND phone = ?",
                    String.class, org.organizationId, phone);
            if (!ids.isEmpty()) {
                return ids.get(0);
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no contact " + phone);
    }

    private static <T> T eventually(Supplier<T> value, T expected) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        T last = value.get();
        while (!expected.equals(last) && Instant.now().isBefore(deadline)) {
            sleep();
            last = value.get();
        }
        return last;
    }

    private static void sleep() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
