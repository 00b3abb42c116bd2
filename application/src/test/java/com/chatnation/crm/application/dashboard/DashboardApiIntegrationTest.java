package com.chatnation.crm.application.dashboard;

import com.chatnation.crm.application.dashboard.DashboardClient.Response;
import com.chatnation.crm.application.support.AdminClient;
import com.chatnation.crm.application.support.GraphApiStandIn;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.StreamSupport;

import static com.chatnation.crm.application.dashboard.DashboardClient.encode;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The dashboard API over real HTTP and PostgreSQL. Two organizations are seeded once for the whole class through
 * the platform's endpoints, their owners' and the bot: organization A runs a survey with four contacts (three complete it with known
 * answers, one cancels), organization B buys, spends, refunds, reserves and releases tokens with a known outcome.
 * Every figure checked below was worked out by hand from those scripts.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DashboardApiIntegrationTest {

    private static final GraphApiStandIn GRAPH = GraphApiStandIn.shared();
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @LocalServerPort
    int port;

    /** The platform operator: onboards organizations and credits their wallets. */
    AdminClient admin;
    DashboardClient api;

    /** Organization A: the survey and the contacts. */
    String orgA;
    String keyA;
    AdminClient ownerA;
    String surveyA;
    String phonePrefix;
    final Map<String, String> phones = new LinkedHashMap<>();
    final Map<String, String> contactIds = new HashMap<>();
    String aliceConversation;

    /** Organization B: the wallet. */
    String orgB;
    String keyB;
    AdminClient ownerB;
    String surveyB;
    /** B's other surveys, newest first. */
    final List<String> laterSurveysB = new ArrayList<>();
    String zedContact;
    String zedConversation;

    @BeforeAll
    void seed() {
        admin = new AdminClient("http://localhost:" + port);
        api = new DashboardClient("http://localhost:" + port);
        seedOrganizationA();
        seedOrganizationB();
        awaitProjections();
    }

    private void seedOrganizationA() {
        AdminClient.Onboarded onboarded = onboard(0, List.of(
                Map.of("module", "general", "action", "reply", "tokens", 1),
                Map.of("module", "surveys", "action", "reply", "tokens", 1)));
        orgA = onboarded.organizationId();
        keyA = onboarded.apiKey();
        ownerA = onboarded.owner();
        purchase(orgA, "a-initial", 1000);
        AdminClient.Response published = ownerA.post(a("/surveys"), Map.of(
                "title", "Pulse check",
                "intro", "Quick pulse check!",
                "thankYou", "Thanks, that helps a lot!",
                "keywords", List.of("pulse"),
                "questions", List.of(
                        Map.of("id", "q1", "text", "How would you rate the event?", "type", "RATING", "required", true),
                        Map.of("id", "q2", "text", "How likely are you to recommend us?", "type", "NPS", "required", true),
                        Map.of("id", "q3", "text", "What did you enjoy most?", "type", "SINGLE_CHOICE", "required", true,
                                "options", List.of(Map.of("id", "music", "label", "Music"),
                                        Map.of("id", "food", "label", "Food"), Map.of("id", "venue", "label", "Venue"))),
                        Map.of("id", "q4", "text", "Would you come again?", "type", "YES_NO", "required", true),
                        Map.of("id", "q5", "text", "How many friends came with you?", "type", "NUMBER", "required", true,
                                "min", 0, "max", 20),
                        Map.of("id", "q6", "text", "Anything else?", "type", "FREE_TEXT", "required", false))));
        assertThat(published.status()).as("survey published: %s", published).isEqualTo(201);
        surveyA = published.text("surveyId");

        phonePrefix = "+2541" + (1000 + (long) (Math.random() * 8999));
        phones.put("Alice Wanjiru", phonePrefix + "001");
        phones.put("Bob Otieno", phonePrefix + "002");
        phones.put("Carol Alicia Akinyi", phonePrefix + "003");
        phones.put("Dan Mwangi", phonePrefix + "004");
        // one after the other, so last activity orders them Dan, Carol, Bob, Alice
        converse(ownerA, orgA, "Alice Wanjiru", "pulse", "5", "10", "1", "yes", "3", "The music was great");
        converse(ownerA, orgA, "Bob Otieno", "pulse", "4", "9", "2", "yes", "5", "terrible queues");
        converse(ownerA, orgA, "Carol Alicia Akinyi", "pulse", "2", "3", "1", "no", "1", "skip");
        converse(ownerA, orgA, "Dan Mwangi", "pulse", "3", "cancel");
    }

    private void seedOrganizationB() {
        AdminClient.Onboarded onboarded = onboard(80, List.of(Map.of("module", "general", "action", "reply", "tokens", 1)));
        orgB = onboarded.organizationId();
        keyB = onboarded.apiKey();
        ownerB = onboarded.owner();
        purchase(orgB, "b-initial", 100);
        AdminClient.Response published = ownerB.post(b("/surveys"), Map.of(
                "title", "B's own survey", "keywords", List.of("bee"),
                "questions", List.of(Map.of("id", "q1", "text", "Rate us", "type", "RATING", "required", true))));
        assertThat(published.status()).isEqualTo(201);
        surveyB = published.text("surveyId");
        for (String title : List.of("B second", "B third")) {
            AdminClient.Response another = ownerB.post(b("/surveys"), Map.of("title", title,
                    "questions", List.of(Map.of("id", "q1", "text", "Yes?", "type", "YES_NO", "required", true))));
            assertThat(another.status()).isEqualTo(201);
            laterSurveysB.add(0, another.text("surveyId"));
        }
        phones.put("Zed", "+2549" + (10_000_000 + (long) (Math.random() * 89_999_999)));
        converse(ownerB, orgB, "Zed", "hello there"); // the menu reply: a 1-token debit of module general
        eventually("B's reply debited", () -> admin.get(adminPath(orgB, "/wallet")).body().path("balance").asLong(),
                balance -> balance == 99);
        expectOk(ownerB.post(b("/wallet/debits"), Map.of("module", "hypecard", "action", "generate_card",
                "referenceId", "card-1", "amount", 30)));                          // 69 left: below 80, one alert
        expectOk(admin.post(adminPath(orgB, "/wallet/refunds"), Map.of("referenceId", "card-1", "amount", 10,
                "reason", "card failed")));                                        // 79
        expectOk(ownerB.post(b("/wallet/reservations"), Map.of("reservationId", "res-1", "amount", 20,
                "purpose", "broadcast")));                                          // 79 balance, 20 reserved
        expectOk(ownerB.post(b("/wallet/reservations/res-1/release"), Map.of())); // reserved 0
    }

    private void awaitProjections() {
        eventually("A's contacts", () -> api.get(a("/contacts?limit=10"), keyA),
                r -> r.items().size() == 4 && sum(r.items(), "messageCount") == 7 + 7 + 7 + 3);
        for (JsonNode contact : api.get(a("/contacts?limit=10"), keyA).items()) {
            contactIds.put(contact.path("name").asText(), contact.path("id").asText());
        }
        Response sessions = eventually("Alice's session", () -> api.get(a("/contacts/" + contactIds.get("Alice Wanjiru")
                + "/conversations"), keyA), r -> r.items().size() == 1 && r.items().get(0).path("outboundCount").asInt() == 7);
        aliceConversation = sessions.items().get(0).path("id").asText();
        eventually("Alice's transcript", () -> api.get(a("/conversations/" + aliceConversation + "/messages"), keyA),
                r -> r.items().size() == 14 && StreamSupport.stream(r.items().spliterator(), false)
                        .allMatch(m -> m.path("direction").asText().equals("inbound") || m.path("status").asText().equals("sent")));
        eventually("A's survey results", () -> api.get(a("/surveys/" + surveyA + "/results"), keyA),
                r -> r.body().path("responses").path("completed").asInt() == 3
                        && r.body().path("responses").path("abandoned").asInt() == 1);
        eventually("B's wallet", () -> api.get(b("/wallet/transactions"), keyB), r -> r.items().size() == 6);
        eventually("B's alert", () -> api.get(b("/wallet"), keyB),
                r -> r.body().path("recentAlerts").size() == 1 && r.body().path("balance").asLong() == 79);
        eventually("B's surveys", () -> api.get(b("/surveys"), keyB), r -> r.items().size() == 3);
        Response zed = eventually("B's contact", () -> api.get(b("/contacts"), keyB), r -> r.items().size() == 1);
        zedContact = zed.items().get(0).path("id").asText();
        zedConversation = eventually("Zed's session", () -> api.get(b("/contacts/" + zedContact + "/conversations"), keyB),
                r -> r.items().size() == 1).items().get(0).path("id").asText();
    }

    // ---- contacts

    @Test
    void contactsAreListedMostRecentlyActiveFirstWithTheirCounts() {
        Response all = api.get(a("/contacts"), keyA);

        assertThat(all.status()).isEqualTo(200);
        assertThat(names(all.items())).containsExactly("Dan Mwangi", "Carol Alicia Akinyi", "Bob Otieno", "Alice Wanjiru");
        JsonNode alice = all.items().get(3);
        assertThat(alice.path("phone").asText()).isEqualTo(phones.get("Alice Wanjiru"));
        assertThat(alice.path("messageCount").asInt()).isEqualTo(7);
        assertThat(alice.path("conversationCount").asInt()).isEqualTo(1);
        assertThat(all.items().get(0).path("messageCount").asInt()).isEqualTo(3);
        assertThat(all.nextCursor()).isNull();
    }

    @Test
    void contactsSearchByPhonePrefixWithOrWithoutPlusAndByNameIgnoringCase() {
        assertThat(names(api.get(a("/contacts?q=" + encode(phonePrefix)), keyA).items())).hasSize(4);
        assertThat(names(api.get(a("/contacts?q=" + phonePrefix.substring(1)), keyA).items())).hasSize(4);
        assertThat(names(api.get(a("/contacts?q=" + encode(phones.get("Bob Otieno"))), keyA).items()))
                .containsExactly("Bob Otieno");
        assertThat(names(api.get(a("/contacts?q=" + phones.get("Carol Alicia Akinyi").substring(1)), keyA).items()))
                .containsExactly("Carol Alicia Akinyi");
        // "alic" is in Alice and in Carol Alicia, newest activity first
        assertThat(names(api.get(a("/contacts?q=ALIC"), keyA).items())).containsExactly("Carol Alicia Akinyi", "Alice Wanjiru");
        assertThat(names(api.get(a("/contacts?q=otieno"), keyA).items())).containsExactly("Bob Otieno");
        // LIKE wildcards are taken literally
        assertThat(api.get(a("/contacts?q=" + encode("%")), keyA).items()).isEmpty();
        assertThat(api.get(a("/contacts?q=nobody-like-this"), keyA).items()).isEmpty();
        // org B's key sees only org B's contacts, even searching for A's names and numbers
        assertThat(api.get(b("/contacts?q=alice"), keyB).items()).isEmpty();
        assertThat(api.get(b("/contacts?q=" + encode(phonePrefix)), keyB).items()).isEmpty();
    }

    @Test
    void contactPagesFollowTheCursorWithoutGapsOrDuplicates() {
        List<String> seen = new ArrayList<>();
        List<Integer> pageSizes = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            Response page = api.get(a("/contacts?limit=1" + (cursor == null ? "" : "&after=" + cursor)), keyA);
            assertThat(page.status()).isEqualTo(200);
            seen.addAll(names(page.items()));
            pageSizes.add(page.items().size());
            cursor = page.nextCursor();
        } while (cursor != null && ++pages < 10);
        assertThat(seen).containsExactly("Dan Mwangi", "Carol Alicia Akinyi", "Bob Otieno", "Alice Wanjiru");

        Response first = api.get(a("/contacts?limit=3"), keyA);
        assertThat(names(first.items())).containsExactly("Dan Mwangi", "Carol Alicia Akinyi", "Bob Otieno");
        Response second = api.get(a("/contacts?limit=3&after=" + first.nextCursor()), keyA);
        assertThat(names(second.items())).containsExactly("Alice Wanjiru");
        assertThat(second.nextCursor()).isNull();
        // exactly a full last page: no cursor to an empty page
        Response four = api.get(a("/contacts?limit=4"), keyA);
        assertThat(four.items()).hasSize(4);
        assertThat(four.nextCursor()).isNull();
        // the cursor works with a search too
        Response named = api.get(a("/contacts?q=alic&limit=1"), keyA);
        assertThat(names(named.items())).containsExactly("Carol Alicia Akinyi");
        assertThat(names(api.get(a("/contacts?q=alic&limit=1&after=" + named.nextCursor()), keyA).items()))
                .containsExactly("Alice Wanjiru");
    }

    @Test
    void oneContactAndItsSessions() {
        String alice = contactIds.get("Alice Wanjiru");
        Response contact = api.get(a("/contacts/" + alice), keyA);
        assertThat(contact.status()).isEqualTo(200);
        assertThat(contact.body().path("name").asText()).isEqualTo("Alice Wanjiru");
        assertThat(contact.body().path("phone").asText()).isEqualTo(phones.get("Alice Wanjiru"));
        assertThat(contact.body().path("messageCount").asInt()).isEqualTo(7);

        Response sessions = api.get(a("/contacts/" + alice + "/conversations"), keyA);
        JsonNode session = sessions.items().get(0);
        assertThat(session.path("status").asText()).isEqualTo("active");
        assertThat(session.path("messageCount").asInt()).isEqualTo(14);
        assertThat(session.path("inboundCount").asInt()).isEqualTo(7);
        assertThat(session.path("outboundCount").asInt()).isEqualTo(7);
        assertThat(session.path("currentState").asText()).isNotEmpty();
        assertThat(session.has("currentModule")).isTrue();
        assertThat(Instant.parse(session.path("startedAt").asText()))
                .isBeforeOrEqualTo(Instant.parse(session.path("lastMessageAt").asText()));

        Response dan = api.get(a("/contacts/" + contactIds.get("Dan Mwangi") + "/conversations"), keyA);
        assertThat(dan.items().get(0).path("inboundCount").asInt()).isEqualTo(3);
        assertThat(dan.items().get(0).path("id").asText()).isNotEqualTo(aliceConversation);
    }

    // ---- transcript

    @Test
    void theTranscriptAlternatesInboundAndOutboundInOrderWithStatuses() {
        Response transcript = api.get(a("/conversations/" + aliceConversation + "/messages"), keyA);

        List<JsonNode> messages = list(transcript.items());
        assertThat(messages).hasSize(14);
        for (int i = 0; i < messages.size(); i++) {
            JsonNode message = messages.get(i);
            assertThat(message.path("direction").asText()).as("message %d", i).isEqualTo(i % 2 == 0 ? "inbound" : "outbound");
            assertThat(message.path("status").asText()).isEqualTo(i % 2 == 0 ? "received" : "sent");
            if (i % 2 == 1) {
                assertThat(message.path("sentAt").isTextual()).isTrue();
                assertThat(message.path("queuedAt").isTextual()).isTrue();
                assertThat(message.path("module").asText()).isEqualTo("surveys");
            }
        }
        assertThat(messages.get(0).path("text").asText()).isEqualTo("pulse");
        assertThat(messages.get(1).path("text").asText()).contains("Quick pulse check!").contains("rate the event");
        assertThat(messages.get(12).path("text").asText()).isEqualTo("The music was great");
        assertThat(messages.get(13).path("text").asText()).isEqualTo("Thanks, that helps a lot!");
        assertThat(messages).extracting(m -> Instant.parse(m.path("createdAt").asText())).isSorted();
    }

    @Test
    void transcriptPagesConcatenateToTheWholeTranscript() {
        List<String> whole = ids(api.get(a("/conversations/" + aliceConversation + "/messages?limit=200"), keyA).items());
        List<String> paged = new ArrayList<>();
        List<Integer> sizes = new ArrayList<>();
        String cursor = null;
        do {
            Response page = api.get(a("/conversations/" + aliceConversation + "/messages?limit=5"
                    + (cursor == null ? "" : "&after=" + cursor)), keyA);
            paged.addAll(ids(page.items()));
            sizes.add(page.items().size());
            cursor = page.nextCursor();
        } while (cursor != null && sizes.size() < 10);
        assertThat(sizes).containsExactly(5, 5, 4);
        assertThat(paged).hasSize(14).doesNotHaveDuplicates().isEqualTo(whole);
    }

    // ---- wallet

    @Test
    void theWalletShowsBalanceReservationsThresholdAndTheLowBalanceAlert() {
        Response wallet = api.get(b("/wallet"), keyB);

        assertThat(wallet.status()).isEqualTo(200);
        // 100 bought - 1 reply - 30 card + 10 refunded; 20 reserved then released
        assertThat(wallet.body().path("balance").asLong()).isEqualTo(79);
        assertThat(wallet.body().path("reserved").asLong()).isZero();
        assertThat(wallet.body().path("available").asLong()).isEqualTo(79);
        assertThat(wallet.body().path("lowBalanceThreshold").asLong()).isEqualTo(80);
        assertThat(wallet.body().path("belowThreshold").asBoolean()).isTrue();
        JsonNode alerts = wallet.body().path("recentAlerts");
        assertThat(alerts).hasSize(1);
        assertThat(alerts.get(0).path("type").asText()).isEqualTo("low_balance");
        assertThat(alerts.get(0).path("threshold").asLong()).isEqualTo(80);
        assertThat(alerts.get(0).path("availableBalance").asLong()).isEqualTo(69);

        Response walletA = api.get(a("/wallet"), keyA);
        // 1000 bought; 7 + 7 + 7 + 3 survey and menu replies at 1 token each
        assertThat(walletA.body().path("balance").asLong()).isEqualTo(1000 - 24);
        assertThat(walletA.body().path("recentAlerts")).isEmpty();
    }

    @Test
    void transactionsAreNewestFirstAndFilterByTypeAndModule() {
        Response all = api.get(b("/wallet/transactions"), keyB);
        assertThat(list(all.items())).extracting(t -> t.path("type").asText())
                .containsExactly("release", "reserve", "refund", "debit", "debit", "purchase");
        assertThat(list(all.items())).extracting(t -> t.path("amount").asLong()).containsExactly(20L, 20L, 10L, 30L, 1L, 100L);
        assertThat(list(all.items())).extracting(t -> t.path("balanceAfter").asLong()).containsExactly(79L, 79L, 79L, 69L, 99L, 100L);
        assertThat(all.items().get(0).path("reservationId").asText()).isEqualTo("res-1");
        assertThat(all.items().get(5).path("referenceId").asText()).isEqualTo("b-initial");

        assertThat(list(api.get(b("/wallet/transactions?type=debit"), keyB).items()))
                .extracting(t -> t.path("module").asText()).containsExactly("hypecard", "general");
        JsonNode card = api.get(b("/wallet/transactions?module=hypecard"), keyB).items();
        assertThat(card).hasSize(1);
        assertThat(card.get(0).path("action").asText()).isEqualTo("generate_card");
        assertThat(card.get(0).path("referenceId").asText()).isEqualTo("card-1");
        assertThat(api.get(b("/wallet/transactions?type=refund"), keyB).items()).hasSize(1);
        assertThat(api.get(b("/wallet/transactions?type=RESERVE"), keyB).items()).hasSize(1);
        assertThat(api.get(b("/wallet/transactions?type=purchase&module=general"), keyB).items()).isEmpty();
        assertThat(list(api.get(a("/wallet/transactions?module=surveys&limit=200"), keyA).items()))
                .hasSize(24).allMatch(t -> t.path("type").asText().equals("debit"));
    }

    @Test
    void transactionsFilterByDateRangeFromInclusiveToExclusive() {
        List<JsonNode> all = list(api.get(b("/wallet/transactions"), keyB).items());
        String refundAt = all.get(2).path("createdAt").asText();
        String reserveAt = all.get(1).path("createdAt").asText();

        List<JsonNode> between = list(api.get(b("/wallet/transactions?from=" + refundAt + "&to=" + reserveAt), keyB).items());
        assertThat(between).extracting(t -> t.path("type").asText()).containsExactly("refund");
        assertThat(api.get(b("/wallet/transactions?from=" + refundAt), keyB).items()).hasSize(3);
        assertThat(api.get(b("/wallet/transactions?to=" + refundAt), keyB).items()).hasSize(3);

        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        assertThat(api.get(b("/wallet/transactions?from=" + today.plusDays(1)), keyB).items()).isEmpty();
        assertThat(api.get(b("/wallet/transactions?to=" + today.minusDays(1)), keyB).items()).isEmpty();
        // a date as "to" includes that whole day
        assertThat(api.get(b("/wallet/transactions?from=" + today + "&to=" + today), keyB).items()).hasSize(6);
    }

    @Test
    void transactionPagesFollowTheCursorWithFilters() {
        List<String> whole = ids(api.get(b("/wallet/transactions"), keyB).items());
        Response first = api.get(b("/wallet/transactions?limit=4"), keyB);
        Response second = api.get(b("/wallet/transactions?limit=4&after=" + first.nextCursor()), keyB);
        assertThat(first.items()).hasSize(4);
        assertThat(second.items()).hasSize(2);
        assertThat(second.nextCursor()).isNull();
        List<String> paged = new ArrayList<>(ids(first.items()));
        paged.addAll(ids(second.items()));
        assertThat(paged).doesNotHaveDuplicates().isEqualTo(whole);

        Response debit = api.get(b("/wallet/transactions?type=debit&limit=1"), keyB);
        assertThat(debit.items().get(0).path("module").asText()).isEqualTo("hypecard");
        Response nextDebit = api.get(b("/wallet/transactions?type=debit&limit=1&after=" + debit.nextCursor()), keyB);
        assertThat(nextDebit.items().get(0).path("module").asText()).isEqualTo("general");
        assertThat(nextDebit.nextCursor()).isNull();
    }

    // ---- surveys

    @Test
    void surveysListTheirResponseCounts() {
        Response surveys = api.get(a("/surveys"), keyA);
        assertThat(surveys.items()).hasSize(1);
        JsonNode survey = surveys.items().get(0);
        assertThat(survey.path("id").asText()).isEqualTo(surveyA);
        assertThat(survey.path("title").asText()).isEqualTo("Pulse check");
        assertThat(survey.path("status").asText()).isEqualTo("active");
        assertThat(survey.path("keywords")).extracting(JsonNode::asText).containsExactly("pulse");
        assertThat(survey.path("responses").asLong()).isEqualTo(4);
        assertThat(survey.path("completed").asLong()).isEqualTo(3);

        Response surveysB = api.get(b("/surveys"), keyB);
        assertThat(ids(surveysB.items())).containsExactly(laterSurveysB.get(0), laterSurveysB.get(1), surveyB);
        assertThat(surveysB.items().get(2).path("title").asText()).isEqualTo("B's own survey");
        assertThat(surveysB.items().get(2).path("responses").asLong()).isZero();
    }

    @Test
    void surveyPagesFollowTheCursor() {
        Response first = api.get(b("/surveys?limit=2"), keyB);
        assertThat(ids(first.items())).containsExactly(laterSurveysB.get(0), laterSurveysB.get(1));
        Response second = api.get(b("/surveys?limit=2&after=" + first.nextCursor()), keyB);
        assertThat(ids(second.items())).containsExactly(surveyB);
        assertThat(second.nextCursor()).isNull();
    }

    @Test
    void surveyResultsMatchTheAnswersGiven() {
        JsonNode results = api.get(a("/surveys/" + surveyA + "/results"), keyA).body();

        JsonNode responses = results.path("responses");
        assertThat(responses.path("started").asLong()).isEqualTo(4);
        assertThat(responses.path("completed").asLong()).isEqualTo(3);
        assertThat(responses.path("abandoned").asLong()).isEqualTo(1);
        assertThat(responses.path("inProgress").asLong()).isZero();
        assertThat(responses.path("completionRate").asDouble()).isEqualTo(0.75);
        // Dan answered q1 and cancelled at q2
        assertThat(results.path("abandonedAt")).hasSize(1);
        assertThat(results.path("abandonedAt").get(0).path("questionId").asText()).isEqualTo("q2");
        assertThat(results.path("abandonedAt").get(0).path("questionText").asText()).isEqualTo("How likely are you to recommend us?");
        assertThat(results.path("abandonedAt").get(0).path("count").asLong()).isEqualTo(1);

        Map<String, JsonNode> questions = new HashMap<>();
        results.path("questions").forEach(q -> questions.put(q.path("id").asText(), q));
        assertThat(list(results.path("questions"))).extracting(q -> q.path("id").asText())
                .containsExactly("q1", "q2", "q3", "q4", "q5", "q6");

        JsonNode rating = questions.get("q1"); // 5, 4, 2 and Dan's 3
        assertThat(rating.path("answered").asLong()).isEqualTo(4);
        assertThat(rating.path("average").asDouble()).isEqualTo(3.5);
        assertThat(counts(rating.path("distribution"))).containsExactly(
                Map.entry("1", 0L), Map.entry("2", 1L), Map.entry("3", 1L), Map.entry("4", 1L), Map.entry("5", 1L));

        JsonNode nps = questions.get("q2"); // 10 and 9 promote, 3 detracts: 66.7% - 33.3%
        assertThat(nps.path("answered").asLong()).isEqualTo(3);
        assertThat(nps.path("nps").path("promoters").asLong()).isEqualTo(2);
        assertThat(nps.path("nps").path("passives").asLong()).isZero();
        assertThat(nps.path("nps").path("detractors").asLong()).isEqualTo(1);
        assertThat(nps.path("nps").path("score").asDouble()).isEqualTo(33.3);
        assertThat(nps.path("distribution").path("10").asLong()).isEqualTo(1);
        assertThat(nps.path("distribution").path("0").asLong()).isZero();
        assertThat(nps.path("average").asDouble()).isCloseTo(22.0 / 3, within(0.001));

        JsonNode choice = questions.get("q3"); // music, food, music
        assertThat(list(choice.path("options"))).extracting(o -> o.path("id").asText() + "=" + o.path("count").asLong())
                .containsExactly("music=2", "food=1", "venue=0");
        assertThat(choice.path("options").get(0).path("label").asText()).isEqualTo("Music");
        assertThat(choice.path("options").get(0).path("share").asDouble()).isCloseTo(0.6667, within(0.0001));

        JsonNode yesNo = questions.get("q4");
        assertThat(yesNo.path("yes").asLong()).isEqualTo(2);
        assertThat(yesNo.path("no").asLong()).isEqualTo(1);

        JsonNode number = questions.get("q5"); // 3, 5, 1
        assertThat(number.path("average").asDouble()).isEqualTo(3.0);
        assertThat(number.path("min").asDouble()).isEqualTo(1.0);
        assertThat(number.path("max").asDouble()).isEqualTo(5.0);

        JsonNode text = questions.get("q6"); // Carol skipped it
        assertThat(text.path("answered").asLong()).isEqualTo(2);
        assertThat(text.path("skipped").asLong()).isEqualTo(1);
        assertThat(list(text.path("samples"))).extracting(s -> s.path("text").asText())
                .containsExactly("terrible queues", "The music was great");

        // "great" 0.8, "terrible" -1.0, Carol wrote nothing: 0
        JsonNode sentiment = results.path("sentiment");
        assertThat(sentiment.path("scored").asLong()).isEqualTo(3);
        assertThat(sentiment.path("positive").asLong()).isEqualTo(1);
        assertThat(sentiment.path("neutral").asLong()).isEqualTo(1);
        assertThat(sentiment.path("negative").asLong()).isEqualTo(1);
        assertThat(sentiment.path("average").asDouble()).isCloseTo(-0.0667, within(0.0001));
    }

    @Test
    void surveyResultsOnlyCountResponsesStartedInTheRange() {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        JsonNode future = api.get(a("/surveys/" + surveyA + "/results?from=" + today.plusDays(1)), keyA).body();
        assertThat(future.path("responses").path("started").asLong()).isZero();
        assertThat(future.path("responses").path("completionRate").isValueNode()).isFalse();
        assertThat(future.path("questions").get(0).path("answered").asLong()).isZero();
        assertThat(future.path("questions").get(0).path("distribution").path("5").asLong()).isZero();
        assertThat(future.path("sentiment").path("scored").asLong()).isZero();

        JsonNode todayOnly = api.get(a("/surveys/" + surveyA + "/results?from=" + today + "&to=" + today), keyA).body();
        assertThat(todayOnly.path("responses").path("started").asLong()).isEqualTo(4);
        assertThat(todayOnly.path("from").asText()).isEqualTo(today + "T00:00:00Z");
        assertThat(todayOnly.path("to").asText()).isEqualTo(today.plusDays(1) + "T00:00:00Z");
    }

    // ---- not found, and never another organization's rows

    @Test
    void unknownOrOtherOrganizationsRowsAreNotFound() {
        String alice = contactIds.get("Alice Wanjiru");
        assertThat(api.get(a("/contacts/" + UUID.randomUUID()), keyA).status()).isEqualTo(404);
        assertThat(api.get(a("/contacts/not-a-uuid"), keyA).status()).isEqualTo(404);
        assertThat(api.get(a("/contacts/" + UUID.randomUUID() + "/conversations"), keyA).status()).isEqualTo(404);
        assertThat(api.get(a("/conversations/no-such-session/messages"), keyA).status()).isEqualTo(404);
        assertThat(api.get(a("/surveys/no-such-survey/results"), keyA).status()).isEqualTo(404);

        // B asking for A's rows through B's own URL
        Response contact = api.get(b("/contacts/" + alice), keyB);
        assertThat(contact.status()).isEqualTo(404);
        assertThat(contact.body().path("detail").asText()).contains("no contact");
        assertThat(contact.body().toString()).doesNotContain("Alice");
        assertThat(api.get(b("/contacts/" + alice + "/conversations"), keyB).status()).isEqualTo(404);
        assertThat(api.get(b("/conversations/" + aliceConversation + "/messages"), keyB).status()).isEqualTo(404);
        assertThat(api.get(b("/surveys/" + surveyA + "/results"), keyB).status()).isEqualTo(404);
        // and A asking for B's
        assertThat(api.get(a("/contacts/" + zedContact), keyA).status()).isEqualTo(404);
        assertThat(api.get(a("/conversations/" + zedConversation + "/messages"), keyA).status()).isEqualTo(404);
        assertThat(api.get(a("/surveys/" + surveyB + "/results"), keyA).status()).isEqualTo(404);
        // B's own rows are there
        assertThat(api.get(b("/contacts/" + zedContact), keyB).status()).isEqualTo(200);
        assertThat(api.get(b("/conversations/" + zedConversation + "/messages"), keyB).items()).hasSize(2);
    }

    @Test
    void everyEndpointRefusesMissingUnknownAndOtherOrganizationsKeys() {
        String alice = contactIds.get("Alice Wanjiru");
        List<String> endpoints = List.of("/contacts", "/contacts?q=alice", "/contacts/" + alice,
                "/contacts/" + alice + "/conversations", "/conversations/" + aliceConversation + "/messages",
                "/wallet", "/wallet/transactions", "/surveys", "/surveys/" + surveyA + "/results");
        for (String endpoint : endpoints) {
            assertThat(api.get(a(endpoint), keyA).status()).as("A's key on %s", endpoint).isEqualTo(200);
            Response foreign = api.get(a(endpoint), keyB);
            assertThat(foreign.status()).as("B's key on A's %s", endpoint).isEqualTo(403);
            assertThat(foreign.body().toString()).doesNotContain("Alice").doesNotContain(phonePrefix);
            assertThat(api.get(a(endpoint), null).status()).as("no key on %s", endpoint).isEqualTo(401);
            assertThat(api.get(a(endpoint), "crm_not-a-real-key").status()).as("wrong key on %s", endpoint).isEqualTo(401);
            // staff logins are bound to their organization just the same
            assertThat(ownerA.get(a(endpoint)).status()).as("A's owner on %s", endpoint).isEqualTo(200);
            AdminClient.Response foreignOwner = ownerB.get(a(endpoint));
            assertThat(foreignOwner.status()).as("B's owner on A's %s", endpoint).isEqualTo(403);
            assertThat(foreignOwner.body().toString()).doesNotContain("Alice").doesNotContain(phonePrefix);
        }
    }

    @Test
    void theEndpointsAreDocumentedWithTheirBearerKey() {
        JsonNode docs = api.get("/v3/api-docs", null).body();
        JsonNode paths = docs.path("paths");
        assertThat(List.of("/contacts", "/contacts/{contactId}", "/contacts/{contactId}/conversations",
                "/conversations/{conversationId}/messages", "/wallet", "/wallet/transactions", "/surveys",
                "/surveys/{surveyId}/results"))
                .allSatisfy(path -> assertThat(paths.has("/api/v1/orgs/{orgId}" + path)).as(path).isTrue());
        JsonNode transactions = paths.path("/api/v1/orgs/{orgId}/wallet/transactions").path("get");
        assertThat(list(transactions.path("parameters"))).extracting(p -> p.path("name").asText())
                .contains("type", "module", "from", "to", "limit", "after");
        assertThat(transactions.path("security").toString()).contains("\"bearer\"");
        assertThat(docs.path("components").path("securitySchemes").path("bearer").path("scheme").asText())
                .isEqualTo("bearer");
    }

    // ---- bad parameters

    @Test
    void invalidParametersAreBadRequestsSayingWhy() {
        String contactCursor = api.get(a("/contacts?limit=1"), keyA).nextCursor();
        Map<String, String> expectations = new LinkedHashMap<>();
        expectations.put("/contacts?limit=0", "limit");
        expectations.put("/contacts?limit=201", "limit");
        expectations.put("/contacts?limit=-5", "limit");
        expectations.put("/contacts?limit=ten", "limit");
        expectations.put("/contacts?after=not-a-cursor!", "cursor");
        expectations.put("/contacts?after=" + encodeRaw("2:1:x"), "cursor");
        expectations.put("/contacts?after=" + encodeRaw("1:notanumber:" + UUID.randomUUID()), "cursor");
        expectations.put("/contacts?after=" + encodeRaw("1:999999999999999999:" + UUID.randomUUID()), "cursor");
        expectations.put("/contacts?after=" + encodeRaw("1:1000:not-a-uuid"), "cursor");
        expectations.put("/contacts?q=" + "x".repeat(101), "q");
        expectations.put("/contacts/" + contactIds.get("Alice Wanjiru") + "/conversations?limit=500", "limit");
        expectations.put("/conversations/" + aliceConversation + "/messages?limit=0", "limit");
        expectations.put("/conversations/" + aliceConversation + "/messages?after=%25%25", "cursor");
        expectations.put("/wallet/transactions?type=gift", "unknown type");
        expectations.put("/wallet/transactions?from=yesterday", "from");
        expectations.put("/wallet/transactions?to=2026-02-30", "to");
        expectations.put("/wallet/transactions?from=2026-03-02&to=2026-03-01", "after");
        expectations.put("/wallet/transactions?from=2026-03-01T10:00:00Z&to=2026-03-01T09:00:00Z", "after");
        expectations.put("/wallet/transactions?limit=1000", "limit");
        expectations.put("/wallet/transactions?after=" + contactCursor, "cursor"); // a contact cursor: not a sequence
        expectations.put("/surveys?limit=0", "limit");
        expectations.put("/surveys/" + surveyA + "/results?from=2026-13-01", "from");
        expectations.put("/surveys/" + surveyA + "/results?from=2026-03-02&to=2026-03-01", "after");
        expectations.forEach((endpoint, mentions) -> {
            Response response = api.get(a(endpoint), keyA);
            assertThat(response.status()).as("%s: %s", endpoint, response).isEqualTo(400);
            assertThat(response.body().path("detail").asText()).as(endpoint).containsIgnoringCase(mentions);
            assertThat(response.body().path("code").asText()).as(endpoint).isEqualTo("invalid_parameter");
        });
        // the boundaries themselves are fine
        assertThat(api.get(a("/contacts?limit=1"), keyA).status()).isEqualTo(200);
        assertThat(api.get(a("/contacts?limit=200"), keyA).status()).isEqualTo(200);
        assertThat(api.get(b("/wallet/transactions?from=2026-03-01&to=2026-03-01"), keyB).status()).isEqualTo(200);
    }

    // ---- helpers

    /** Onboarded by the platform (which checks the 201), its owner logged in. */
    private AdminClient.Onboarded onboard(long lowBalanceThreshold, List<Map<String, Object>> prices) {
        AdminClient.Onboarded created = admin.onboard(Map.of(
                "name", "Dashboard org " + UUID.randomUUID(),
                "phoneNumberId", AdminClient.randomPhoneNumberId(),
                "prices", prices,
                "lowBalanceThreshold", lowBalanceThreshold));
        assertThat(created.apiKey()).isNotEmpty();
        return created;
    }

    private void purchase(String organizationId, String reference, long tokens) {
        expectOk(admin.post(adminPath(organizationId, "/wallet/purchases"),
                Map.of("paymentReference", reference, "amount", tokens)));
    }

    /** The contact sends each text (through the organization's simulator) after the bot answered the previous one. */
    private void converse(AdminClient owner, String organizationId, String name, String... texts) {
        String phone = phones.get(name);
        int before = GRAPH.sentTo(phone).size();
        for (int i = 0; i < texts.length; i++) {
            AdminClient.Response accepted = owner.post("/api/v1/orgs/" + organizationId + "/inbound-messages",
                    Map.of("from", phone, "profileName", name, "text", texts[i]));
            assertThat(accepted.status()).as("message accepted: %s", accepted).isEqualTo(202);
            GRAPH.awaitSentTo(phone, before + i + 1);
        }
    }

    private static void expectOk(AdminClient.Response response) {
        assertThat(response.status()).as("call: %s", response).isBetween(200, 299);
    }

    private String a(String path) {
        return "/api/v1/orgs/" + orgA + path;
    }

    private String b(String path) {
        return "/api/v1/orgs/" + orgB + path;
    }

    private static String adminPath(String organizationId, String suffix) {
        return "/admin/organizations/" + organizationId + suffix;
    }

    private static String encodeRaw(String raw) {
        return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    private static List<JsonNode> list(JsonNode array) {
        List<JsonNode> items = new ArrayList<>();
        array.forEach(items::add);
        return items;
    }

    private static List<String> names(JsonNode items) {
        return list(items).stream().map(i -> i.path("name").asText()).toList();
    }

    private static List<String> ids(JsonNode items) {
        return list(items).stream().map(i -> i.path("id").asText()).toList();
    }

    private static long sum(JsonNode items, String field) {
        return list(items).stream().mapToLong(i -> i.path(field).asLong()).sum();
    }

    private static Map<String, Long> counts(JsonNode object) {
        Map<String, Long> counts = new LinkedHashMap<>();
        object.fields().forEachRemaining(e -> counts.put(e.getKey(), e.getValue().asLong()));
        return counts;
    }

    private static <T> T eventually(String what, Supplier<T> value, Predicate<T> done) {
        Instant deadline = Instant.now().plus(PATIENCE);
        T last = value.get();
        while (!done.test(last)) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError(what + " did not catch up within " + PATIENCE + "; last saw " + last);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            last = value.get();
        }
        return last;
    }
}
