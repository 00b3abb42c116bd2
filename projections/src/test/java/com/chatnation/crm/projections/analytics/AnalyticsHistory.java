package com.chatnation.crm.projections.analytics;

import com.chatnation.crm.projections.TestContacts;
import com.chatnation.crm.domain.broadcast.BroadcastRecipientId;
import com.chatnation.crm.domain.broadcast.BroadcastStarted;
import com.chatnation.crm.domain.broadcast.RecipientDeliveryUpdated;
import com.chatnation.crm.domain.broadcast.RecipientQueued;
import com.chatnation.crm.domain.broadcast.RecipientReplied;
import com.chatnation.crm.domain.broadcast.RecipientSent;
import com.chatnation.crm.domain.broadcast.RecipientSuppressed;
import com.chatnation.crm.domain.conversation.DeliveryStatus;
import com.chatnation.crm.domain.conversation.ConversationStarted;
import com.chatnation.crm.domain.conversation.MessageReceived;
import com.chatnation.crm.domain.conversation.ReplyFailed;
import com.chatnation.crm.domain.conversation.ReplyQueued;
import com.chatnation.crm.domain.conversation.ReplySent;
import com.chatnation.crm.domain.conversation.StateChanged;
import com.chatnation.crm.domain.messaging.MessageContent;
import com.chatnation.crm.domain.messaging.MessageContext;
import com.chatnation.crm.domain.messaging.OutboundReply;
import com.chatnation.crm.domain.survey.Question;
import com.chatnation.crm.domain.survey.QuestionAnswered;
import com.chatnation.crm.domain.survey.QuestionSkipped;
import com.chatnation.crm.domain.survey.QuestionType;
import com.chatnation.crm.domain.survey.AnswerValue;
import com.chatnation.crm.domain.survey.SurveyDefinition;
import com.chatnation.crm.domain.survey.SurveyPublished;
import com.chatnation.crm.domain.survey.SurveyResponseAbandoned;
import com.chatnation.crm.domain.survey.SurveyResponseCompleted;
import com.chatnation.crm.domain.survey.SurveyResponseStarted;
import com.chatnation.crm.domain.ticketing.ParticipantRegistered;
import com.chatnation.crm.domain.ticketing.TicketsIssued;
import com.chatnation.crm.domain.ticketing.TicketsReserved;
import com.chatnation.crm.domain.wallet.TokenDebited;
import com.chatnation.crm.projections.support.History;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A small scripted history with known times, for the analytics tests.
 *
 * <pre>
 * A  2025-03-03 09:00 "hi" (keyword:hi) → 09:01 menu → 09:05 survey (menu) → q1, q2, skips q3 → 09:10 completed
 *    2025-03-12 two more messages (a new session; still one first message)
 * B  2025-03-04 10:00 ad ad-42 → 10:02 menu → 10:10 survey → q1 → abandoned at q2
 * C  2025-03-10 08:00 "hello there" (direct) → 08:03 menu;
 *    09:00 ticket flow → 09:01 event ev-1 → 09:04 reserved 2 → 09:10 paid
 * D  2025-03-11 12:00 "hi" → 12:01 menu → 2025-03-19 12:00 survey (8 days: outside a 7-day window) → q1
 *    2025-03-12 10:00 ticket flow → 10:05 event → 10:06 reserved, never paid
 * F  2025-03-05 survey by keyword:feedback, abandoned at q1 (no first message recorded)
 * E  2025-02-20 "hi": before the range
 * X  another organization, 2025-03-05 "hi" → menu
 * </pre>
 */
final class AnalyticsHistory {

    static final String ORG = "org-a";
    static final String OTHER_ORG = "org-b";
    static final String SURVEY = "sv-1";
    static final String A = "+254700000001";
    static final String B = "+254700000002";
    static final String C = "+254700000003";
    static final String D = "+254700000004";
    static final String E = "+254700000005";
    static final String F = "+254700000006";
    static final String X = "+254700000009";

    private static final Duration TIMEOUT = Duration.ofHours(24);

    private AnalyticsHistory() {
    }

    static SurveyDefinition survey() {
        return new SurveyDefinition(SURVEY, 1, ORG, "Expo feedback", "Hi", "Thanks", List.of(
                Question.of("q1", "How was it?", QuestionType.FREE_TEXT),
                Question.of("q2", "Come again?", QuestionType.YES_NO),
                Question.of("q3", "Anything else?", QuestionType.FREE_TEXT).optional()), List.of("feedback"));
    }

    static History history() {
        History h = new History();
        h.add(SURVEY, new SurveyPublished(SURVEY, ORG, 1, survey()), at("2025-02-01T00:00:00Z"));

        // E: before the range
        says(h, ORG, E, "s-e", "hi", null, "2025-02-20T10:00:00Z", true);

        // A
        says(h, ORG, A, "s-a1", "hi", null, "2025-03-03T09:00:00Z", true);
        menu(h, ORG, A, "s-a1", "2025-03-03T09:01:00Z");
        h.add("wallet-" + ORG, new TokenDebited("wallet-" + ORG, ORG, "general", "reply", "r-a1", 1, 99),
                at("2025-03-03T09:01:00Z"));
        h.add(stream(ORG, A), new ReplySent(stream(ORG, A), "s-a1", ORG, TestContacts.id(A), "r-a1", "wamid.r1", 1),
                at("2025-03-03T09:01:30Z"));
        startSurvey(h, "resp-a", A, "menu", "2025-03-03T09:05:00Z");
        answer(h, "resp-a", "q1", "2025-03-03T09:06:00Z");
        h.add("wallet-" + ORG, new TokenDebited("wallet-" + ORG, ORG, "surveys", "reply", "r-a2", 2, 97),
                at("2025-03-03T09:06:00Z"));
        answer(h, "resp-a", "q2", "2025-03-03T09:07:00Z");
        h.add("wallet-" + ORG, new TokenDebited("wallet-" + ORG, ORG, "surveys", "reply", "r-a3", 2, 95),
                at("2025-03-03T09:07:00Z"));
        h.add("resp-a", new QuestionSkipped("resp-a", ORG, SURVEY, "q3", QuestionSkipped.BY_CONTACT),
                at("2025-03-03T09:09:00Z"));
        h.add("resp-a", new SurveyResponseCompleted("resp-a", ORG, SURVEY, 1, TestContacts.id(A), 2, 0.0),
                at("2025-03-03T09:10:00Z"));

        // B: from an ad
        MessageContext ad = new MessageContext(null, false, new MessageContext.Referral("https://fb.me/x", "ad-42",
                "ad", "Expo 2025", null, "clid-1", null));
        says(h, ORG, B, "s-b", "Is this the expo?", ad, "2025-03-04T10:00:00Z", true);
        menu(h, ORG, B, "s-b", "2025-03-04T10:02:00Z");
        h.add(stream(ORG, B), new ReplyFailed(stream(ORG, B), "s-b", ORG, TestContacts.id(B), "r-b", 131026, "undeliverable"),
                at("2025-03-04T10:02:30Z"));
        startSurvey(h, "resp-b", B, "menu", "2025-03-04T10:10:00Z");
        answer(h, "resp-b", "q1", "2025-03-04T10:11:00Z");
        h.add("resp-b", new SurveyResponseAbandoned("resp-b", ORG, SURVEY, 1, "q2", 1,
                SurveyResponseAbandoned.INACTIVITY), at("2025-03-04T10:40:00Z"));

        // F: keyword survey, abandoned at the first question
        h.add("resp-f", new SurveyResponseStarted("resp-f", ORG, SURVEY, 1, TestContacts.id(F), F, stream(ORG, F), "keyword:feedback",
                survey(), TIMEOUT), at("2025-03-05T07:00:00Z"));
        h.add("resp-f", new SurveyResponseAbandoned("resp-f", ORG, SURVEY, 1, "q1", 0,
                SurveyResponseAbandoned.CANCELLED), at("2025-03-05T07:05:00Z"));

        // X: another organization
        says(h, OTHER_ORG, X, "s-x", "hi", null, "2025-03-05T11:00:00Z", true);
        menu(h, OTHER_ORG, X, "s-x", "2025-03-05T11:01:00Z");

        // C: direct, then buys tickets
        says(h, ORG, C, "s-c", "hello there", null, "2025-03-10T08:00:00Z", true);
        menu(h, ORG, C, "s-c", "2025-03-10T08:03:00Z");
        ticketStep(h, C, "s-c", "choosing_event", Map.of(), "2025-03-10T09:00:00Z");
        ticketStep(h, C, "s-c", "choosing_ticket_type", Map.of("eventId", "ev-1"), "2025-03-10T09:01:00Z");
        ticketStep(h, C, "s-c", "choosing_quantity", Map.of("eventId", "ev-1", "ticketTypeId", "vip"),
                "2025-03-10T09:02:00Z");
        ticketStep(h, C, "s-c", "confirming", Map.of("eventId", "ev-1", "ticketTypeId", "vip", "quantity", "2"),
                "2025-03-10T09:03:00Z");
        h.add("ev-1", new TicketsReserved("ev-1", ORG, "res-1", "vip", 2, TestContacts.id(C), C, stream(ORG, C), new BigDecimal("5000"),
                new BigDecimal("10000"), "KES", at("2025-03-10T09:19:00Z"), 8), at("2025-03-10T09:04:00Z"));
        h.add("ev-1", new TicketsIssued("ev-1", ORG, "res-1", "vip", TestContacts.id(C), C, List.of("T-1", "T-2"), "pay-1",
                new BigDecimal("10000"), "KES"), at("2025-03-10T09:10:00Z"));
        h.add("ev-1", new ParticipantRegistered("ev-1", ORG, TestContacts.id(C), C, ParticipantRegistered.TICKET_PURCHASE),
                at("2025-03-10T09:10:00Z"));

        // D: a late survey, and a reservation never paid
        says(h, ORG, D, "s-d", "Hi", null, "2025-03-11T12:00:00Z", true);
        menu(h, ORG, D, "s-d", "2025-03-11T12:01:00Z");
        ticketStep(h, D, "s-d2", "choosing_event", Map.of(), "2025-03-12T10:00:00Z");
        ticketStep(h, D, "s-d2", "choosing_ticket_type", Map.of("eventId", "ev-1"), "2025-03-12T10:05:00Z");
        h.add("ev-1", new TicketsReserved("ev-1", ORG, "res-2", "vip", 1, TestContacts.id(D), D, stream(ORG, D), new BigDecimal("5000"),
                new BigDecimal("5000"), "KES", at("2025-03-12T10:21:00Z"), 7), at("2025-03-12T10:06:00Z"));

        // A again, in a new session
        says(h, ORG, A, "s-a2", "menu", null, "2025-03-12T15:00:00Z", true);
        says(h, ORG, A, "s-a2", "thanks", null, "2025-03-12T15:05:00Z", false);

        startSurvey(h, "resp-d", D, "menu", "2025-03-19T12:00:00Z");
        answer(h, "resp-d", "q1", "2025-03-19T12:01:00Z");
        return h;
    }

    static final String BROADCAST = "bc-1";

    /**
     * A marketing broadcast started for A, B and C, then one template sent on its own.
     *
     * <pre>
     * 2025-03-20 09:00 started for 3 → A and B queued → 09:01 both sent (MARKETING) → 09:02 A delivered
     *            09:03 B failed → 09:05 cancelled before C's chunk: C queued and suppressed
     * 2025-03-21 08:00 A read → 08:10 A replied → 10:00 a single UTILITY template charged (templates/utility)
     * </pre>
     */
    static History broadcast() {
        History h = new History();
        h.add(BROADCAST, new BroadcastStarted(BROADCAST, ORG, 3, 0, BROADCAST, 6), at("2025-03-20T09:00:00Z"));
        queue(h, A, "2025-03-20T09:00:10Z");
        queue(h, B, "2025-03-20T09:00:20Z");
        h.add(recipient(A), new RecipientSent(recipient(A), BROADCAST, ORG, TestContacts.id(A), "wamid.bc-a", 2,
                "MARKETING", at("2025-03-20T09:01:00Z")), at("2025-03-20T09:01:00Z"));
        h.add(recipient(B), new RecipientSent(recipient(B), BROADCAST, ORG, TestContacts.id(B), "wamid.bc-b", 2,
                "MARKETING", at("2025-03-20T09:01:10Z")), at("2025-03-20T09:01:10Z"));
        status(h, A, DeliveryStatus.DELIVERED, "2025-03-20T09:02:00Z");
        status(h, B, DeliveryStatus.FAILED, "2025-03-20T09:03:00Z");
        queue(h, C, "2025-03-20T09:05:00Z");
        h.add(recipient(C), new RecipientSuppressed(recipient(C), BROADCAST, ORG, TestContacts.id(C), "cancelled"),
                at("2025-03-20T09:05:00Z"));
        status(h, A, DeliveryStatus.READ, "2025-03-21T08:00:00Z");
        h.add(recipient(A), new RecipientReplied(recipient(A), BROADCAST, ORG, TestContacts.id(A),
                at("2025-03-21T08:10:00Z")), at("2025-03-21T08:10:00Z"));
        h.add("wallet-" + ORG, new TokenDebited("wallet-" + ORG, ORG, "templates", "utility", "send-1", 1, 93),
                at("2025-03-21T10:00:00Z"));
        return h;
    }

    static String recipient(String phone) {
        return BroadcastRecipientId.of(BROADCAST, TestContacts.id(phone));
    }

    private static void queue(History h, String phone, String time) {
        h.add(recipient(phone), new RecipientQueued(recipient(phone), BROADCAST, ORG, TestContacts.id(phone), phone,
                List.of("Expo")), at(time));
    }

    private static void status(History h, String phone, DeliveryStatus status, String time) {
        boolean failed = status == DeliveryStatus.FAILED;
        h.add(recipient(phone), new RecipientDeliveryUpdated(recipient(phone), BROADCAST, ORG, TestContacts.id(phone),
                status, at(time), failed ? 131049 : null, failed ? "not delivered" : null, failed ? 2 : 0), at(time));
    }

    static String stream(String org, String phone) {
        return "conversation-" + org + "-" + phone.substring(1);
    }

    static Instant at(String time) {
        return Instant.parse(time);
    }

    private static void says(History h, String org, String phone, String session, String text,
                             MessageContext context, String time, boolean newSession) {
        Instant at = at(time);
        if (newSession) {
            h.add(stream(org, phone), new ConversationStarted(stream(org, phone), session, org, TestContacts.id(phone), phone, null, at,
                    TIMEOUT), at);
        }
        h.add(stream(org, phone), new MessageReceived(stream(org, phone), session, org, TestContacts.id(phone), phone, "wamid." + time,
                at, new MessageContent.Text(text), context == null ? MessageContext.NONE : context, null), at);
    }

    private static void menu(History h, String org, String phone, String session, String time) {
        OutboundReply menu = new OutboundReply.ChoiceList("Hi! What would you like to do?", "Options", List.of(
                new OutboundReply.Choice("menu:tickets", "Buy tickets"),
                new OutboundReply.Choice("menu:help", "Help")));
        h.add(stream(org, phone), new ReplyQueued(stream(org, phone), session, org, TestContacts.id(phone), phone, "r-" + time, "general",
                "reply", menu, null), at(time));
    }

    private static void startSurvey(History h, String response, String phone, String source, String time) {
        h.add(response, new SurveyResponseStarted(response, ORG, SURVEY, 1, TestContacts.id(phone), phone, stream(ORG, phone), source,
                survey(), TIMEOUT), at(time));
        h.add(stream(ORG, phone), new StateChanged(stream(ORG, phone), "s", ORG, TestContacts.id(phone), "idle",
                "survey_in_progress", null, "surveys", Map.of("responseId", response)), at(time));
    }

    private static void answer(History h, String response, String question, String time) {
        h.add(response, new QuestionAnswered(response, ORG, SURVEY, 1, question, QuestionType.FREE_TEXT,
                AnswerValue.text("ok"), "wamid." + response + question, null), at(time));
    }

    private static void ticketStep(History h, String phone, String session, String step, Map<String, String> data,
                                   String time) {
        h.add(stream(ORG, phone), new StateChanged(stream(ORG, phone), session, ORG, TestContacts.id(phone), "idle",
                "purchasing_ticket", step, "events", data), at(time));
    }
}
