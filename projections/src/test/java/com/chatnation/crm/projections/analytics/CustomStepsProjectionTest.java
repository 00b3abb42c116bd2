package com.chatnation.crm.projections.analytics;

import com.chatnation.crm.domain.conversation.DeliveryStatus;
import com.chatnation.crm.domain.conversation.MessageReceived;
import com.chatnation.crm.domain.conversation.ReplyDeliveryUpdated;
import com.chatnation.crm.domain.broadcast.RecipientDeliveryUpdated;
import com.chatnation.crm.domain.hypecard.CardGenerated;
import com.chatnation.crm.domain.hypecard.CardShared;
import com.chatnation.crm.domain.messaging.MessageContent;
import com.chatnation.crm.domain.messaging.MessageContext;
import com.chatnation.crm.domain.program.ProgramItemDelivered;
import com.chatnation.crm.domain.survey.AnswerValue;
import com.chatnation.crm.domain.survey.QuestionAnswered;
import com.chatnation.crm.domain.survey.QuestionType;
import com.chatnation.crm.domain.ticketing.TicketsIssued;
import com.chatnation.crm.domain.wallet.TokensPurchased;
import com.chatnation.crm.projections.TestContacts;
import com.chatnation.crm.projections.support.History;
import com.chatnation.crm.projections.support.Projector;
import com.chatnation.crm.projections.support.Tables;
import com.chatnation.crm.projections.support.TestDatabase;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Steps defined as rules over events: each operator, the Elevate template on a hand-made history and its funnel
 * (the expected figures worked out by hand below), and a set evaluated after the fact recording the very rows the
 * live projection recorded.
 */
class CustomStepsProjectionTest {

    private static final String ORG = "org-steps";
    private static final String OTHER_ORG = "org-steps-other";
    private static final String A = "+254700100001";
    private static final String B = "+254700100002";
    private static final String C = "+254700100003";
    private static final String D = "+254700100004";
    private static final String E = "+254700100005";
    private static final LocalDate MARCH_1 = LocalDate.parse("2025-03-01");
    private static final LocalDate MARCH_31 = LocalDate.parse("2025-03-31");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final JdbcTemplate jdbc = TestDatabase.jdbc();
    private final FunnelQueries funnels = new FunnelQueries(jdbc);
    private StepSets stepSets;
    private Projector projector;

    @BeforeEach
    void setUp() {
        Tables.clear(jdbc);
        jdbc.update("DELETE FROM crm_config.step_sets WHERE organization_id IN (?, ?)", ORG, OTHER_ORG);
        stepSets = new StepSets(jdbc);
        projector = new Projector(new CustomStepsProjection(jdbc, stepSets));
    }

    /**
     * A: ad message 03-03 09:00, card 09:05, name answered 09:10, a reply read 09:20, tickets 10:00, a broadcast read
     *    03-04 10:00, tickets again 03-05 10:00, a program item 03-06 08:00, card shared 03-06 09:00.
     * B: ad message 03-03 11:00, card 11:05, age answered 11:10, name answered 11:15, a reply delivered (not read) 11:20.
     * C: a message from a post (not an ad) 03-04 09:00, a plain message 09:01, a card 09:05.
     * D: ad message 03-05 12:00, tickets 12:30 (once).
     * E: an ad message in another organization; the organization's token top-up names no contact.
     */
    private static History history() {
        History h = new History();
        message(h, ORG, A, "ad", "2025-03-03T09:00:00Z");
        card(h, A, "card-a", "2025-03-03T09:05:00Z");
        answer(h, A, "q-name", "2025-03-03T09:10:00Z");
        reply(h, A, DeliveryStatus.READ, "2025-03-03T09:20:00Z");
        tickets(h, A, "res-a1", "2025-03-03T10:00:00Z");
        h.add("rcp-a", new RecipientDeliveryUpdated("rcp-a", "bc-1", ORG, TestContacts.id(A), DeliveryStatus.READ,
                at("2025-03-04T10:00:00Z"), null, null, 0), at("2025-03-04T10:00:00Z"));
        tickets(h, A, "res-a2", "2025-03-05T10:00:00Z");
        h.add("sub-a", new ProgramItemDelivered("sub-a", "prog-1", ORG, TestContacts.id(A), null, "item-1", 1,
                LocalDate.parse("2025-03-06"), "reply-p1", at("2025-03-06T08:00:00Z")), at("2025-03-06T08:00:00Z"));
        h.add("card-a", new CardShared("card-a", ORG, "tpl-1", TestContacts.id(A), "whatsapp",
                at("2025-03-06T09:00:00Z")), at("2025-03-06T09:00:00Z"));

        message(h, ORG, B, "ad", "2025-03-03T11:00:00Z");
        card(h, B, "card-b", "2025-03-03T11:05:00Z");
        answer(h, B, "q-age", "2025-03-03T11:10:00Z");
        answer(h, B, "q-name", "2025-03-03T11:15:00Z");
        reply(h, B, DeliveryStatus.DELIVERED, "2025-03-03T11:20:00Z");

        message(h, ORG, C, "post", "2025-03-04T09:00:00Z");
        message(h, ORG, C, null, "2025-03-04T09:01:00Z");
        card(h, C, "card-c", "2025-03-04T09:05:00Z");

        message(h, ORG, D, "ad", "2025-03-05T12:00:00Z");
        tickets(h, D, "res-d1", "2025-03-05T12:30:00Z");

        message(h, OTHER_ORG, E, "ad", "2025-03-05T13:00:00Z");
        h.add("wallet-1", new TokensPurchased("wallet-1", ORG, "pay-1", 500, 500), at("2025-03-05T14:00:00Z"));
        return h;
    }

    @Test
    void eachOperatorReachesExactlyTheEventsItDescribes() throws Exception {
        define("ops", """
                {"name": "Operators", "steps": [
                  {"key": "referred", "events": [{"type": "MessageReceived",
                    "conditions": [{"path": "context.referral", "op": "exists"}]}]},
                  {"key": "read", "events": [{"type": "ReplyDeliveryUpdated",
                    "conditions": [{"path": "status", "op": "eq", "value": "read"}]}]},
                  {"key": "not-read", "events": [{"type": "ReplyDeliveryUpdated",
                    "conditions": [{"path": "status", "op": "neq", "value": "READ"}]}]},
                  {"key": "other-question", "events": [{"type": "QuestionAnswered",
                    "conditions": [{"path": "questionId", "op": "in", "value": ["q-age", "q-city"]}]}]},
                  {"key": "paid-150", "events": [{"type": "TicketsIssued",
                    "conditions": [{"path": "total", "op": "eq", "value": 150},
                                   {"path": "reservationId", "op": "neq", "value": "res-a2"}]}]}]}""");
        projector.apply(history().events());

        assertThat(rows("ops")).containsExactlyInAnyOrder(
                "not-read " + TestContacts.id(B) + " 2025-03-03T11:20:00Z",
                "other-question " + TestContacts.id(B) + " 2025-03-03T11:10:00Z",
                "paid-150 " + TestContacts.id(A) + " 2025-03-03T10:00:00Z",
                "paid-150 " + TestContacts.id(D) + " 2025-03-05T12:30:00Z",
                "read " + TestContacts.id(A) + " 2025-03-03T09:20:00Z",
                "referred " + TestContacts.id(A) + " 2025-03-03T09:00:00Z",
                "referred " + TestContacts.id(B) + " 2025-03-03T11:00:00Z",
                "referred " + TestContacts.id(C) + " 2025-03-04T09:00:00Z",
                "referred " + TestContacts.id(D) + " 2025-03-05T12:00:00Z");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM custom_step_events WHERE organization_id <> ?",
                Integer.class, ORG)).as("another organization, without sets, records nothing").isZero();
    }

    @Test
    void theElevateTemplateFollowsTheJourneyAndItsFunnelCountsAsWorkedOutByHand() throws Exception {
        define("elevate", StepSetTemplates.body(StepSetTemplates.ELEVATE, "q-name").orElseThrow().toString());
        projector.apply(history().events());

        assertThat(rows("elevate")).containsExactlyInAnyOrder(
                "educate " + TestContacts.id(A) + " 2025-03-06T08:00:00Z",
                "engage " + TestContacts.id(A) + " 2025-03-03T09:20:00Z",
                "gift " + TestContacts.id(A) + " 2025-03-03T09:05:00Z",
                "gift " + TestContacts.id(B) + " 2025-03-03T11:05:00Z",
                "gift " + TestContacts.id(C) + " 2025-03-04T09:05:00Z",
                "hook " + TestContacts.id(A) + " 2025-03-03T09:00:00Z",
                "hook " + TestContacts.id(B) + " 2025-03-03T11:00:00Z",
                "hook " + TestContacts.id(D) + " 2025-03-05T12:00:00Z",
                "identify " + TestContacts.id(A) + " 2025-03-03T09:10:00Z",
                "identify " + TestContacts.id(B) + " 2025-03-03T11:15:00Z",
                "nurture " + TestContacts.id(A) + " 2025-03-04T10:00:00Z",
                "sell " + TestContacts.id(A) + " 2025-03-03T10:00:00Z",
                "sell " + TestContacts.id(A) + " 2025-03-05T10:00:00Z",
                "sell " + TestContacts.id(D) + " 2025-03-05T12:30:00Z",
                "share " + TestContacts.id(A) + " 2025-03-06T09:00:00Z",
                "upsell " + TestContacts.id(A) + " 2025-03-03T10:00:00Z",
                "upsell " + TestContacts.id(A) + " 2025-03-05T10:00:00Z",
                "upsell " + TestContacts.id(D) + " 2025-03-05T12:30:00Z");

        // Entered hook in March: A, B, D (C's referral is a post). Gift after hook: A (5 min), B (5 min).
        // Identify: A (5 min after the card), B (10 min: the name question at 11:15). Engage: A only (B's reply
        // was delivered, not read). Sell, nurture, the second purchase (03-05, after the broadcast was read), the
        // program item and the share: A.
        FunnelDefinition elevate = new FunnelDefinition("elevate-journey", "Elevate", List.of("elevate:hook",
                "elevate:gift", "elevate:identify", "elevate:engage", "elevate:sell", "elevate:nurture",
                "elevate:upsell", "elevate:educate", "elevate:share"), Duration.ofDays(30), false);
        FunnelReport report = funnels.compute(ORG, elevate, MARCH_1, MARCH_31, FunnelBreakdown.NONE);
        assertThat(report.steps()).extracting(FunnelReport.StepFigures::entered)
                .containsExactly(3L, 2L, 2L, 1L, 1L, 1L, 1L, 1L, 1L);
        assertThat(report.steps().get(0).converted()).isEqualTo(2);
        assertThat(report.steps().get(0).conversionPercent()).isEqualTo(66.7);
        assertThat(report.steps().get(0).dropOff()).isEqualTo(1);
        assertThat(report.steps().get(0).medianSecondsToConvert()).isEqualTo(300.0);
        assertThat(report.steps().get(1).medianSecondsToConvert()).isEqualTo(450.0);
        assertThat(report.steps().get(2).conversionPercent()).isEqualTo(50.0);
        assertThat(report.steps().get(2).medianSecondsToConvert()).isEqualTo(600.0);
        assertThat(report.overallConversionPercent()).isEqualTo(33.3);

        // Upsell is a second purchase: D bought once, so the purchase that made D's Sell cannot make its Upsell.
        FunnelDefinition upsell = new FunnelDefinition("upsell", "Upsell", List.of("elevate:sell", "elevate:upsell"),
                Duration.ofDays(30), false);
        FunnelReport second = funnels.compute(ORG, upsell, MARCH_1, MARCH_31, FunnelBreakdown.NONE);
        assertThat(second.steps()).extracting(FunnelReport.StepFigures::entered).containsExactly(2L, 1L);
        assertThat(second.steps().get(0).medianSecondsToConvert()).isEqualTo(2 * 86_400.0);

        // a mixed funnel: nobody has journey rows here, so nobody enters it
        assertThat(funnels.compute(ORG, new FunnelDefinition("mixed", "Mixed", List.of("first_message",
                "elevate:gift"), Duration.ofDays(1), false), MARCH_1, MARCH_31, FunnelBreakdown.SOURCE).contacts())
                .isZero();
        // the other organization's ad message reached nothing
        assertThat(funnels.compute(OTHER_ORG, elevate, MARCH_1, MARCH_31, FunnelBreakdown.NONE).contacts()).isZero();
    }

    @Test
    void aSetEvaluatedAfterTheFactRecordsTheRowsTheLiveProjectionRecorded() throws Exception {
        define("live", StepSetTemplates.body(StepSetTemplates.ELEVATE, "q-name").orElseThrow().toString());
        History history = history();
        projector.apply(history.events());
        List<String> live = rows("live");

        StepSetDefinition later = StepSetTemplates.definition(StepSetTemplates.ELEVATE, "later", "q-name").orElseThrow();
        List<CustomSteps.Reached> reached = new ArrayList<>();
        for (EventMessage<?> event : history.events()) {
            CustomSteps.organizationOf(event.getPayload()).filter(ORG::equals)
                    .ifPresent(org -> reached.addAll(CustomSteps.evaluate(org, List.of(later), event)));
        }
        CustomSteps.recordBatch(jdbc, reached);
        CustomSteps.recordBatch(jdbc, reached); // a backfill overlapping the live rows counts them once
        assertThat(rows("later")).isEqualTo(live).hasSize(18);
        assertThat(jdbc.queryForList("SELECT event_id FROM custom_step_events WHERE step_set = 'later' ORDER BY 1",
                String.class)).isEqualTo(jdbc.queryForList(
                "SELECT event_id FROM custom_step_events WHERE step_set = 'live' ORDER BY 1", String.class));
    }

    @Test
    void definitionsAreCheckedAndRefusalsNameTheField() {
        assertRefused("""
                {"name": "x", "steps": [{"key": "a", "events": [{"type": "MessageRecieved"}]}]}""",
                true, "steps[0].events[0].type", "'MessageRecieved' is not a known event type");
        assertRefused("""
                {"name": "x", "steps": [{"key": "a", "events": [{"type": "TokensPurchased"}]}]}""",
                true, "steps[0].events[0].type", "carries no contactId");
        assertRefused("""
                {"name": "x", "steps": [{"key": "a", "events": [{"type": "MessageReceived",
                  "conditions": [{"path": "context.referal", "op": "exists"}]}]}]}""",
                true, "steps[0].events[0].conditions[0].path", "MessageContext has no field 'referal'");
        // sealed members: what the contact wrote, their answers and number are unreadable after an erasure or expiry
        assertRefused("""
                {"name": "x", "steps": [{"key": "a", "events": [{"type": "MessageReceived",
                  "conditions": [{"path": "content.type", "op": "eq", "value": "image"}]}]}]}""",
                true, "steps[0].events[0].conditions[0].path", "'content' of MessageReceived is personal data");
        assertRefused("""
                {"name": "x", "steps": [{"key": "a", "events": [{"type": "QuestionAnswered",
                  "conditions": [{"path": "value", "op": "exists"}]}]}]}""",
                true, "steps[0].events[0].conditions[0].path", "'value' of QuestionAnswered is personal data");
        assertRefused("""
                {"name": "x", "steps": [{"key": "a", "events": [{"type": "ReplyDeliveryUpdated",
                  "conditions": [{"path": "status.name", "op": "exists"}]}]}]}""",
                true, "steps[0].events[0].conditions[0].path", "'status' is a plain value");
        assertRefused("""
                {"name": "x", "steps": [{"key": "a", "events": [{"type": "ReplyDeliveryUpdated",
                  "conditions": [{"path": "status", "op": "like", "value": "read"}]}]}]}""",
                false, "steps[0].events[0].conditions[0].op", "'like' is not an operator");
        assertRefused("""
                {"name": "x", "steps": [{"key": "a", "events": [{"type": "ReplyDeliveryUpdated",
                  "conditions": [{"path": "status", "op": "eq"}]}]}]}""",
                false, "steps[0].events[0].conditions[0].value", "eq needs a value");
        assertRefused("""
                {"name": "x", "steps": [{"key": "a", "events": [{"type": "QuestionAnswered",
                  "conditions": [{"path": "questionId", "op": "in", "value": "q1"}]}]}]}""",
                false, "steps[0].events[0].conditions[0].value", "in needs an array");
        assertRefused("""
                {"name": "x", "steps": [{"key": "a", "events": [{"type": "CardShared"}]},
                                        {"key": "a", "events": [{"type": "CardShared"}]}]}""",
                false, "steps[1].key", "appears twice");
        assertRefused("""
                {"name": "x", "steps": []}""", false, "steps", "1 to 20 steps");
        assertThatThrownBy(() -> StepSetDefinition.parse("Bad:Key", JSON.readTree("{}")))
                .isInstanceOfSatisfying(StepSetDefinition.Refused.class, r -> assertThat(r.field()).isEqualTo("key"));
    }

    /**
     * The same rules over 100,000 synthetic events, as a backfill reads them: how many each step gets is known, and
     * the rate is printed (no assertion on time).
     */
    @Test
    void rulesOverAHundredThousandEvents() {
        StepSetDefinition elevate = StepSetTemplates.definition(StepSetTemplates.ELEVATE, "elevate", "q-name")
                .orElseThrow();
        List<EventMessage<?>> events = new ArrayList<>(100_000);
        Instant start = Instant.parse("2025-03-01T00:00:00Z");
        for (int i = 0; i < 100_000; i++) {
            String contact = TestContacts.id("+2547009" + String.format("%05d", i % 5_000));
            Object payload;
            switch (i % 4) {
                case 0:
                    payload = new MessageReceived("c-" + i, "s", ORG, contact, null, "wamid." + i, start,
                            new MessageContent.Text("hi"), i % 8 == 0 ? adContext("ad") : MessageContext.NONE, null);
                    break;
                case 1:
                    payload = new ReplyDeliveryUpdated("c-" + i, "s", ORG, contact, "r-" + i, "wamid.r" + i,
                            i % 3 == 0 ? DeliveryStatus.READ : DeliveryStatus.DELIVERED, start, null, null);
                    break;
                case 2:
                    payload = new QuestionAnswered("resp-" + i, ORG, "sv", 1, i % 10 == 2 ? "q-name" : "q-other",
                            QuestionType.FREE_TEXT, AnswerValue.text("x"), "wamid.q" + i, contact);
                    break;
                default:
                    payload = new TokensPurchased("w", ORG, "p-" + i, 1, i);
            }
            events.add(new GenericEventMessage<>(payload).andMetaData(Map.of()));
        }
        long began = System.nanoTime();
        long reached = 0;
        for (EventMessage<?> event : events) {
            String org = CustomSteps.organizationOf(event.getPayload()).orElseThrow();
            reached += CustomSteps.evaluate(org, List.of(elevate), event).size();
        }
        double seconds = (System.nanoTime() - began) / 1e9;
        System.out.printf("step rules: %,d events evaluated in %.2f s (%,.0f events/s), %,d steps reached%n",
                events.size(), seconds, events.size() / seconds, reached);
        // hooks: i % 8 == 0 (12,500); engage: i % 4 == 1 and i % 3 == 0 (one in three of 25,000: 8,333);
        // identify: i % 4 == 2 and i % 10 == 2, that is i % 20 == 2 (5,000); top-ups name no contact
        assertThat(reached).isEqualTo(12_500 + 8_333 + 5_000);
    }

    private void assertRefused(String json, boolean unprocessable, String field, String message) {
        assertThatThrownBy(() -> StepSetDefinition.parse("set", JSON.readTree(json)))
                .isInstanceOfSatisfying(StepSetDefinition.Refused.class, refused -> {
                    assertThat(refused.unprocessable()).as(refused.getMessage()).isEqualTo(unprocessable);
                    assertThat(refused.field()).isEqualTo(field);
                    assertThat(refused.getMessage()).contains(message);
                });
    }

    private void define(String key, String json) throws Exception {
        JsonNode definition = JSON.readTree(json);
        StepSetDefinition.parse(key, definition);
        jdbc.update("""
                INSERT INTO crm_config.step_sets (organization_id, set_key, name, definition, version, created_at,
                                                  updated_at)
                VALUES (?, ?, 'x', ?::jsonb, 1, now(), now())""", ORG, key, definition.toString());
        stepSets.invalidate(ORG);
    }

    private List<String> rows(String set) {
        return jdbc.queryForList("""
                SELECT step || ' ' || contact_id || ' ' || to_char(occurred_at AT TIME ZONE 'UTC',
                       'YYYY-MM-DD"T"HH24:MI:SS"Z"')
                FROM custom_step_events WHERE organization_id = ? AND step_set = ? ORDER BY 1""", String.class, ORG, set);
    }

    private static MessageContext adContext(String sourceType) {
        return new MessageContext(null, false, new MessageContext.Referral("https://fb.me/x", "ad-1", sourceType,
                "Elevate", null, "clid", null));
    }

    private static void message(History h, String org, String phone, String sourceType, String time) {
        h.add("conv-" + org + phone, new MessageReceived("conv-" + org + phone, "s1", org, TestContacts.id(phone),
                phone, "wamid." + phone + time, at(time), new MessageContent.Text("hello"),
                sourceType == null ? MessageContext.NONE : adContext(sourceType), null), at(time));
    }

    private static void card(History h, String phone, String cardId, String time) {
        h.add(cardId, new CardGenerated(cardId, ORG, "tpl-1", "conv-" + ORG + phone, TestContacts.id(phone),
                "share-" + cardId, "cards/" + cardId + ".png", 1000, "abc", at(time)), at(time));
    }

    private static void answer(History h, String phone, String question, String time) {
        h.add("resp-" + phone, new QuestionAnswered("resp-" + phone, ORG, "sv-1", 1, question, QuestionType.FREE_TEXT,
                AnswerValue.text("Wanjiku"), "wamid.q" + question + phone, TestContacts.id(phone)), at(time));
    }

    private static void reply(History h, String phone, DeliveryStatus status, String time) {
        h.add("conv-" + ORG + phone, new ReplyDeliveryUpdated("conv-" + ORG + phone, "s1", ORG, TestContacts.id(phone),
                "reply-" + time, "wamid.r" + time, status, at(time), null, null), at(time));
    }

    private static void tickets(History h, String phone, String reservation, String time) {
        h.add("event-1", new TicketsIssued("event-1", ORG, reservation, "tt-1", TestContacts.id(phone), phone,
                List.of("T-" + reservation), "pay-" + reservation, new BigDecimal("150.00"), "KES"), at(time));
    }

    private static Instant at(String time) {
        return Instant.parse(time);
    }
}
