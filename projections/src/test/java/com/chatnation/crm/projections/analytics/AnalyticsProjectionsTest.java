package com.chatnation.crm.projections.analytics;

import com.chatnation.crm.projections.TestContacts;
import com.chatnation.crm.domain.broadcast.RecipientDeliveryUpdated;
import com.chatnation.crm.domain.broadcast.RecipientQueued;
import com.chatnation.crm.domain.broadcast.RecipientReplied;
import com.chatnation.crm.domain.broadcast.RecipientSent;
import com.chatnation.crm.domain.conversation.ContactErased;
import com.chatnation.crm.domain.conversation.DeliveryStatus;
import com.chatnation.crm.domain.conversation.MessageReceived;
import com.chatnation.crm.domain.privacy.MessageTextsExpired;
import com.chatnation.crm.projections.ReadTables;
import com.chatnation.crm.projections.crm.contacts.ContactIds;
import com.chatnation.crm.projections.crm.surveys.SurveysProjection;
import com.chatnation.crm.projections.support.History;
import com.chatnation.crm.projections.support.Projector;
import com.chatnation.crm.projections.support.Tables;
import com.chatnation.crm.projections.support.TestDatabase;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static com.chatnation.crm.projections.analytics.AnalyticsHistory.*;
import static org.assertj.core.api.Assertions.assertThat;

class AnalyticsProjectionsTest {

    private static final LocalDate MARCH_1 = LocalDate.parse("2025-03-01");
    private static final LocalDate MARCH_31 = LocalDate.parse("2025-03-31");

    private final JdbcTemplate jdbc = TestDatabase.jdbc();
    private final FunnelQueries funnels = new FunnelQueries(jdbc);
    private final SurveyFunnelQueries surveyFunnels = new SurveyFunnelQueries(jdbc);
    private final DailyRollupQueries rollups = new DailyRollupQueries(jdbc);
    private Projector projector;

    @BeforeEach
    void setUp() {
        Tables.clear(jdbc);
        projector = new Projector(new SurveysProjection(jdbc, Tables.objectMapper()), new JourneyProjection(jdbc),
                new DailyRollupProjection(jdbc));
    }

    private static FunnelReport.StepFigures step(int position, String step, long entered, Long converted,
                                                 Double percent, Long dropOff, Double median) {
        return new FunnelReport.StepFigures(position, step, entered, converted, percent, dropOff, median);
    }

    @Test
    void journeyRowsCarryTheContactSubjectAndSource() {
        projector.apply(history().events());

        assertThat(jdbc.queryForList("""
                        SELECT contact_id || ' ' || source || ' ' || (contact_phone IS NULL) FROM journey_events
                        WHERE organization_id = ? AND step = 'first_message' ORDER BY occurred_at""", String.class, ORG))
                .as("analytics keep the contact's opaque id, never the number")
                .containsExactly(TestContacts.id(E) + " keyword:hi true", TestContacts.id(A) + " keyword:hi true",
                        TestContacts.id(B) + " ad:ad-42 true", TestContacts.id(C) + " direct true",
                        TestContacts.id(D) + " keyword:hi true");
        assertThat(jdbc.queryForMap("""
                        SELECT contact_id, subject, detail, reference, source FROM journey_events
                        WHERE step = 'question_answered' AND reference = 'resp-b'"""))
                .containsEntry("contact_id", ContactIds.of(TestContacts.id(B))).containsEntry("subject", SURVEY)
                .containsEntry("detail", "q1").containsEntry("source", "menu");
        List<String> ticketJourney = jdbc.queryForList("""
                        SELECT step || ' ' || coalesce(subject, '-') || ' ' || coalesce(detail, '-') FROM journey_events
                        WHERE contact_id = ? AND step NOT IN ('first_message', 'session_started', 'menu_opened')
                        ORDER BY occurred_at""", String.class, ContactIds.of(TestContacts.id(C)));
        assertThat(ticketJourney.subList(0, 5)).containsExactly("ticket_flow_entered - -", "event_chosen ev-1 -",
                "ticket_type_chosen ev-1 vip", "quantity_chosen ev-1 vip", "tickets_reserved ev-1 vip");
        // paid and registered are recorded by one payment and may share its instant
        assertThat(ticketJourney.subList(5, ticketJourney.size()))
                .containsExactlyInAnyOrder("tickets_paid ev-1 vip", "participant_registered ev-1 -");
        assertThat(jdbc.queryForList("SELECT contact_id || ' ' || source FROM journey_events WHERE step = 'referred'",
                String.class)).containsExactly(TestContacts.id(B) + " ad:ad-42");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM journey_events WHERE step = 'session_started' "
                + "AND contact_id = ?", Integer.class, ContactIds.of(TestContacts.id(A)))).isEqualTo(2);
    }

    @Test
    void engagementFunnelCountsEntriesConversionsDropOffAndMedians() {
        projector.apply(history().events());

        FunnelReport report = funnels.compute(ORG, BuiltInFunnels.ENGAGEMENT, MARCH_1, MARCH_31, FunnelBreakdown.NONE);

        // E entered before March, X belongs to another organization, D's survey came after the 7-day window.
        assertThat(report.contacts()).isEqualTo(4);
        assertThat(report.overallConversionPercent()).isEqualTo(25.0);
        assertThat(report.steps()).containsExactly(
                step(1, "first_message", 4, 4L, 100.0, 0L, 90.0),
                step(2, "menu_opened", 4, 2L, 50.0, 2L, 360.0),
                step(3, "survey_started", 2, 1L, 50.0, 1L, 300.0),
                step(4, "survey_completed", 1, null, null, null, null));
        assertThat(report.groups()).isEmpty();

        FunnelReport later = funnels.compute(ORG, BuiltInFunnels.ENGAGEMENT, LocalDate.parse("2025-03-10"), MARCH_31,
                FunnelBreakdown.NONE);
        assertThat(later.steps()).extracting(FunnelReport.StepFigures::entered).containsExactly(2L, 2L, 0L, 0L);
    }

    @Test
    void aLongerWindowCountsTheLateConversionStraightAway() {
        projector.apply(history().events());
        FunnelDefinition patient = new FunnelDefinition("patient", "Patient", BuiltInFunnels.ENGAGEMENT.steps(),
                Duration.ofDays(10), false);

        FunnelReport report = funnels.compute(ORG, patient, MARCH_1, MARCH_31, FunnelBreakdown.NONE);

        // D: menu 2025-03-11 12:01, survey 2025-03-19 12:00 = 8 days less one minute
        assertThat(report.steps().get(1)).isEqualTo(step(2, "menu_opened", 4, 3L, 75.0, 1L, 480.0));
        assertThat(report.steps().get(2).entered()).isEqualTo(3);
    }

    @Test
    void stepsMustComeInOrder() {
        projector.apply(history().events());
        FunnelDefinition backwards = new FunnelDefinition("backwards", "Backwards",
                List.of("menu_opened", "first_message"), Duration.ofDays(7), false);

        FunnelReport report = funnels.compute(ORG, backwards, MARCH_1, MARCH_31, FunnelBreakdown.NONE);

        assertThat(report.steps().get(0)).isEqualTo(step(1, "menu_opened", 4, 0L, 0.0, 4L, null));
    }

    @Test
    void breakdownBySourceUsesTheEntrySourceThenTheFirstMessage() {
        projector.apply(history().events());

        FunnelReport engagement = funnels.compute(ORG, BuiltInFunnels.ENGAGEMENT, MARCH_1, MARCH_31,
                FunnelBreakdown.SOURCE);

        assertThat(engagement.breakdown()).isEqualTo("source");
        assertThat(engagement.groups()).extracting(FunnelReport.Group::key)
                .containsExactly("ad:ad-42", "direct", "keyword:hi");
        assertThat(group(engagement, "keyword:hi").steps()).containsExactly(
                step(1, "first_message", 2, 2L, 100.0, 0L, 60.0),
                step(2, "menu_opened", 2, 1L, 50.0, 1L, 240.0),
                step(3, "survey_started", 1, 1L, 100.0, 0L, 300.0),
                step(4, "survey_completed", 1, null, null, null, null));
        assertThat(group(engagement, "keyword:hi").overallConversionPercent()).isEqualTo(50.0);
        assertThat(group(engagement, "ad:ad-42").steps()).extracting(FunnelReport.StepFigures::entered)
                .containsExactly(1L, 1L, 1L, 0L);
        assertThat(group(engagement, "direct").steps()).extracting(FunnelReport.StepFigures::entered)
                .containsExactly(1L, 1L, 0L, 0L);
        // the overall figures do not change with a breakdown
        assertThat(engagement.steps()).isEqualTo(funnels.compute(ORG, BuiltInFunnels.ENGAGEMENT, MARCH_1, MARCH_31,
                FunnelBreakdown.NONE).steps());

        FunnelReport survey = funnels.compute(ORG, new FunnelDefinition("s", "Survey", List.of("survey_started",
                "survey_completed"), Duration.ofDays(1), false), MARCH_1, MARCH_31, FunnelBreakdown.SOURCE);
        assertThat(survey.groups()).extracting(g -> g.key() + "=" + g.contacts())
                .containsExactly("keyword:feedback=1", "menu=3");
    }

    @Test
    void breakdownByWeeklyCohortOfFirstContact() {
        projector.apply(history().events());

        FunnelReport report = funnels.compute(ORG, BuiltInFunnels.ENGAGEMENT, MARCH_1, MARCH_31,
                FunnelBreakdown.COHORT);

        assertThat(report.groups()).extracting(FunnelReport.Group::key).containsExactly("2025-03-03", "2025-03-10");
        assertThat(group(report, "2025-03-03").steps()).containsExactly(
                step(1, "first_message", 2, 2L, 100.0, 0L, 90.0),
                step(2, "menu_opened", 2, 2L, 100.0, 0L, 360.0),
                step(3, "survey_started", 2, 1L, 50.0, 1L, 300.0),
                step(4, "survey_completed", 1, null, null, null, null));
        assertThat(group(report, "2025-03-10").steps()).containsExactly(
                step(1, "first_message", 2, 2L, 100.0, 0L, 120.0),
                step(2, "menu_opened", 2, 0L, 0.0, 2L, null),
                step(3, "survey_started", 0, 0L, null, 0L, null),
                step(4, "survey_completed", 0, null, null, null, null));
    }

    @Test
    void ticketFunnelFollowsTheFlowToPayment() {
        projector.apply(history().events());

        FunnelReport report = funnels.compute(ORG, BuiltInFunnels.TICKETS, MARCH_1, MARCH_31, FunnelBreakdown.SOURCE);

        assertThat(report.steps()).containsExactly(
                step(1, "ticket_flow_entered", 2, 2L, 100.0, 0L, 180.0),
                step(2, "event_chosen", 2, 2L, 100.0, 0L, 120.0),
                step(3, "tickets_reserved", 2, 1L, 50.0, 1L, 360.0),
                step(4, "tickets_paid", 1, null, null, null, null));
        assertThat(report.overallConversionPercent()).isEqualTo(50.0);
        // the flow's entry has no source of its own: the contacts' first messages give it
        assertThat(report.groups()).extracting(g -> g.key() + "=" + g.overallConversionPercent())
                .containsExactly("direct=100.0", "keyword:hi=0.0");
    }

    @Test
    void surveyFunnelShowsDropOffPerQuestion() {
        projector.apply(history().events());

        SurveyFunnelReport report = surveyFunnels.compute(ORG, SURVEY, MARCH_1, MARCH_31).orElseThrow();

        assertThat(report.title()).isEqualTo("Expo feedback");
        assertThat(List.of(report.started(), report.completed(), report.abandoned(), report.inProgress()))
                .containsExactly(4L, 1L, 2L, 1L);
        assertThat(report.completionPercent()).isEqualTo(25.0);
        assertThat(report.questions()).containsExactly(
                new SurveyFunnelReport.QuestionFigures(1, "q1", "How was it?", 4, 3, 0, 1, 25.0),
                new SurveyFunnelReport.QuestionFigures(2, "q2", "Come again?", 2, 1, 0, 1, 50.0),
                new SurveyFunnelReport.QuestionFigures(3, "q3", "Anything else?", 1, 0, 1, 0, 0.0));

        SurveyFunnelReport firstDays = surveyFunnels.compute(ORG, SURVEY, MARCH_1, LocalDate.parse("2025-03-04"))
                .orElseThrow();
        assertThat(List.of(firstDays.started(), firstDays.completed(), firstDays.abandoned(), firstDays.inProgress()))
                .containsExactly(2L, 1L, 1L, 0L);
        assertThat(firstDays.questions()).extracting(q -> q.questionId() + ":" + q.reached() + "/" + q.droppedOff())
                .containsExactly("q1:2/0", "q2:2/1", "q3:1/0");

        assertThat(surveyFunnels.compute(ORG, "no-such-survey", MARCH_1, MARCH_31)).isEmpty();
        assertThat(surveyFunnels.compute(OTHER_ORG, SURVEY, MARCH_1, MARCH_31)).isEmpty();
    }

    @Test
    void dailyRollupsCountEachFactOnce() {
        projector.apply(history().events());

        assertThat(day("2025-03-03")).containsExactlyInAnyOrderEntriesOf(Map.ofEntries(
                Map.entry("contacts.active", "1"), Map.entry("contacts.new", "1"),
                Map.entry("conversations.started", "1"), Map.entry("messages.in/text", "1"),
                Map.entry("messages.out", "1"), Map.entry("replies.queued/general", "1"),
                Map.entry("surveys.started/sv-1", "1"), Map.entry("surveys.completed/sv-1", "1"),
                Map.entry("tokens.spent/general/reply", "1"), Map.entry("tokens.spent/surveys/reply", "4")));
        assertThat(day("2025-03-04")).containsEntry("replies.failed/131026", "1")
                .containsEntry("surveys.abandoned/sv-1", "1").containsEntry("contacts.new", "1");
        assertThat(day("2025-03-10")).containsEntry("tickets.reserved/ev-1", "2")
                .containsEntry("tickets.sold/ev-1", "2").containsEntry("tickets.revenue/KES", "10000");
        // A's return: two messages, one active contact, not a new one
        assertThat(day("2025-03-12")).containsExactlyInAnyOrderEntriesOf(Map.of(
                "contacts.active", "1", "conversations.started", "1", "messages.in/text", "2",
                "tickets.reserved/ev-1", "1"));

        List<DailyRollupQueries.RollupRow> march = rollups.rows(ORG, MARCH_1, MARCH_31, List.of("contacts.new",
                "messages.in"));
        assertThat(march.stream().filter(r -> r.metric().equals("contacts.new")).map(DailyRollupQueries.RollupRow::value)
                .reduce(BigDecimal.ZERO, BigDecimal::add)).isEqualByComparingTo("4");
        assertThat(march.stream().filter(r -> r.metric().equals("messages.in")).mapToLong(DailyRollupQueries.RollupRow::facts)
                .sum()).isEqualTo(6);
        assertThat(rollups.rows(OTHER_ORG, MARCH_1, MARCH_31, List.of())).extracting(r -> r.metric())
                .containsExactly("contacts.active", "contacts.new", "conversations.started", "messages.in",
                        "replies.queued");
    }

    @Test
    void applyingTheHistoryTwiceOrReplayingItGivesIdenticalResults() {
        History history = history();
        List<String> tables = List.of("journey_events", "rollup_facts", "daily_rollups");
        projector.apply(history.events());
        Map<String, List<String>> once = Tables.snapshot(jdbc, tables);
        FunnelReport funnel = funnels.compute(ORG, BuiltInFunnels.ENGAGEMENT, MARCH_1, MARCH_31, FunnelBreakdown.COHORT);
        SurveyFunnelReport survey = surveyFunnels.compute(ORG, SURVEY, MARCH_1, MARCH_31).orElseThrow();

        projector.apply(history.events());
        assertThat(Tables.snapshot(jdbc, tables)).isEqualTo(once);

        ReadTables.truncate(jdbc, ReadTables.tablesOf(JourneyProjection.GROUP));
        ReadTables.truncate(jdbc, ReadTables.tablesOf(DailyRollupProjection.GROUP));
        projector.apply(history.events());
        assertThat(Tables.snapshot(jdbc, tables)).isEqualTo(once);
        assertThat(funnels.compute(ORG, BuiltInFunnels.ENGAGEMENT, MARCH_1, MARCH_31, FunnelBreakdown.COHORT))
                .isEqualTo(funnel);
        assertThat(surveyFunnels.compute(ORG, SURVEY, MARCH_1, MARCH_31)).contains(survey);
    }

    @Test
    void anErasureLeavesTheLiveTablesAsARebuildWouldFindThem() {
        History history = history();
        ContactErased erased = new ContactErased(stream(ORG, A), "s-a1", ORG, TestContacts.id(A), "request",
                at("2025-03-20T10:00:00Z"));
        List<String> tables = List.of("journey_events", "rollup_facts", "daily_rollups");
        projector.apply(history.events());
        projector.apply(new GenericDomainEventMessage<>("Aggregate", stream(ORG, A), 99, erased, Map.of(),
                "erased-a", at("2025-03-20T10:00:00Z")));
        Map<String, List<String>> live = Tables.snapshot(jdbc, tables);
        assertThat(jdbc.queryForList("""
                        SELECT dimension FROM rollup_facts WHERE metric = 'messages.in' AND contact_id = ?""",
                String.class, TestContacts.id(A))).isNotEmpty().containsOnly("unknown");
        assertThat(jdbc.queryForList("SELECT coalesce(detail, '-') || ' ' || source FROM journey_events "
                + "WHERE step = 'first_message' AND contact_id = ?", String.class, ContactIds.of(TestContacts.id(A))))
                .containsExactly("- direct");

        // a rebuild reads the erased contact's messages without their content, whose key is gone
        ReadTables.truncate(jdbc, ReadTables.tablesOf(JourneyProjection.GROUP));
        ReadTables.truncate(jdbc, ReadTables.tablesOf(DailyRollupProjection.GROUP));
        for (DomainEventMessage<?> event : history.events()) {
            if (event.getPayload() instanceof MessageReceived message && TestContacts.id(A).equals(message.contactId())) {
                projector.apply(new GenericDomainEventMessage<>(event.getType(), event.getAggregateIdentifier(),
                        event.getSequenceNumber(), new MessageReceived(message.conversationId(), message.sessionId(),
                        message.organizationId(), message.contactId(), null, message.messageId(), message.sentAt(),
                        null, message.context(), null), Map.of(), event.getIdentifier(), event.getTimestamp()));
            } else {
                projector.apply(event);
            }
        }
        projector.apply(new GenericDomainEventMessage<>("Aggregate", stream(ORG, A), 99, erased, Map.of(),
                "erased-a", at("2025-03-20T10:00:00Z")));
        assertThat(Tables.snapshot(jdbc, tables)).isEqualTo(live);
    }

    @Test
    void expiredMessageTextsLeaveTheLiveTablesAsARebuildWouldFindThem() {
        History history = history();
        // the organization's texts before 5 March are unreadable: E, A (a keyword) and B (an ad) wrote before it,
        // C after it; the other organization's X is untouched
        Instant before = at("2025-03-05T00:00:00Z");
        MessageTextsExpired expired = new MessageTextsExpired(ORG, before, 3);
        List<String> tables = List.of("journey_events", "rollup_facts", "daily_rollups");
        projector.apply(history.events());
        projector.apply(new GenericEventMessage<>("expired-1", expired, Map.of(), at("2025-06-01T01:00:00Z")));
        Map<String, List<String>> live = Tables.snapshot(jdbc, tables);
        assertThat(jdbc.queryForList("""
                        SELECT day || ' ' || dimension FROM rollup_facts WHERE metric = 'messages.in'
                        AND organization_id = ? ORDER BY 1""", String.class, ORG))
                .contains("2025-02-20 unknown", "2025-03-03 unknown", "2025-03-04 unknown", "2025-03-10 text");
        assertThat(jdbc.queryForList("""
                        SELECT coalesce(detail, '-') || ' ' || source FROM journey_events
                        WHERE step = 'first_message' AND contact_id IN (?, ?, ?, ?, ?) ORDER BY occurred_at""",
                String.class, ContactIds.of(TestContacts.id(E)), ContactIds.of(TestContacts.id(A)),
                ContactIds.of(TestContacts.id(B)), ContactIds.of(TestContacts.id(X)), ContactIds.of(TestContacts.id(C))))
                .containsExactly("- direct", "- direct", "- ad:ad-42", "text keyword:hi", "text direct");

        // a rebuild reads those messages without their content, whose monthly keys are gone
        ReadTables.truncate(jdbc, ReadTables.tablesOf(JourneyProjection.GROUP));
        ReadTables.truncate(jdbc, ReadTables.tablesOf(DailyRollupProjection.GROUP));
        for (DomainEventMessage<?> event : history.events()) {
            if (event.getPayload() instanceof MessageReceived message && ORG.equals(message.organizationId())
                    && event.getTimestamp().isBefore(before)) {
                projector.apply(new GenericDomainEventMessage<>(event.getType(), event.getAggregateIdentifier(),
                        event.getSequenceNumber(), new MessageReceived(message.conversationId(), message.sessionId(),
                        message.organizationId(), message.contactId(), message.contactPhone(), message.messageId(),
                        message.sentAt(), null, message.context(), message.profileName()), Map.of(),
                        event.getIdentifier(), event.getTimestamp()));
            } else {
                projector.apply(event);
            }
        }
        projector.apply(new GenericEventMessage<>("expired-1", expired, Map.of(), at("2025-06-01T01:00:00Z")));
        assertThat(Tables.snapshot(jdbc, tables)).isEqualTo(live);
    }

    @Test
    void broadcastsAndTemplateSendsAreCountedByStageAndCategory() {
        History history = broadcast();
        projector.apply(history.events());

        List<String> expected = List.of(
                "2025-03-20 broadcast_messages/delivered 1 (1)", "2025-03-20 broadcast_messages/failed 1 (1)",
                "2025-03-20 broadcast_messages/queued 3 (3)", "2025-03-20 broadcast_messages/sent 2 (2)",
                "2025-03-20 broadcast_messages/suppressed 1 (1)", "2025-03-20 broadcasts.recipients 3 (1)",
                "2025-03-20 broadcasts.started 1 (1)", "2025-03-20 templates.sent/marketing 2 (2)",
                "2025-03-21 broadcast_messages/read 1 (1)", "2025-03-21 broadcast_messages/replied 1 (1)",
                "2025-03-21 templates.sent/utility 1 (1)", "2025-03-21 tokens.spent/templates/utility 1 (1)");
        assertThat(broadcastRows()).containsExactlyInAnyOrderElementsOf(expected);

        // a redelivered status and reply, then the whole history again: nothing counts twice
        history.events().stream().filter(e -> e.getPayload() instanceof RecipientDeliveryUpdated
                || e.getPayload() instanceof RecipientReplied).forEach(projector::apply);
        projector.apply(history.events());
        assertThat(broadcastRows()).containsExactlyInAnyOrderElementsOf(expected);

        ReadTables.truncate(jdbc, ReadTables.tablesOf(DailyRollupProjection.GROUP));
        projector.apply(history.events());
        assertThat(broadcastRows()).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void sendsOfAnErasedContactAndWithoutACategoryStillCount() {
        String recipient = recipient(A);
        String contact = TestContacts.id(A);
        // erasure empties the phone and parameters; a send recorded before categories were kept has none
        History history = new History()
                .add(recipient, new RecipientQueued(recipient, BROADCAST, ORG, contact, null, null),
                        at("2025-03-20T09:00:00Z"))
                .add(recipient, new RecipientSent(recipient, BROADCAST, ORG, contact, "wamid.old", 2, null,
                        at("2025-03-20T09:01:00Z")), at("2025-03-20T09:01:00Z"))
                .add(recipient, new RecipientDeliveryUpdated(recipient, BROADCAST, ORG, contact, DeliveryStatus.READ,
                        at("2025-03-20T09:02:00Z"), null, null, 0), at("2025-03-20T09:02:00Z"))
                .add(recipient, new RecipientReplied(recipient, BROADCAST, ORG, contact, at("2025-03-20T09:03:00Z")),
                        at("2025-03-20T09:03:00Z"));

        projector.apply(history.events());

        assertThat(broadcastRows()).containsExactlyInAnyOrder("2025-03-20 broadcast_messages/queued 1 (1)",
                "2025-03-20 broadcast_messages/read 1 (1)", "2025-03-20 broadcast_messages/replied 1 (1)",
                "2025-03-20 broadcast_messages/sent 1 (1)", "2025-03-20 templates.sent/unknown 1 (1)");
    }

    @Test
    void theNewMetricsCanBeAskedFor() {
        assertThat(RollupMetrics.ALL).contains("broadcasts.started", "broadcasts.recipients", "broadcast_messages",
                "templates.sent").doesNotHaveDuplicates();
    }

    @Test
    void analyticsTablesAreRegisteredForReplay() {
        assertThat(ReadTables.tablesOf("analytics-journey")).containsExactly("journey_events");
        assertThat(ReadTables.tablesOf("analytics-rollups")).containsExactly("rollup_facts", "daily_rollups");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM crm_config.funnel_definitions", Integer.class))
                .isNotNull();
    }

    private static FunnelReport.Group group(FunnelReport report, String key) {
        return report.groups().stream().filter(g -> g.key().equals(key)).findFirst().orElseThrow();
    }

    /** Every rollup row of March 20 and 21 as "day metric/dimension value (facts)". */
    private List<String> broadcastRows() {
        return rollups.rows(ORG, LocalDate.parse("2025-03-20"), LocalDate.parse("2025-03-21"), List.of()).stream()
                .map(r -> r.day() + " " + r.metric() + (r.dimension().isEmpty() ? "" : "/" + r.dimension()) + " "
                        + r.value().toPlainString() + " (" + r.facts() + ")")
                .toList();
    }

    private Map<String, String> day(String day) {
        Map<String, String> values = new LinkedHashMap<>();
        for (DailyRollupQueries.RollupRow row : rollups.rows(ORG, LocalDate.parse(day), LocalDate.parse(day), List.of())) {
            values.put(row.dimension().isEmpty() ? row.metric() : row.metric() + "/" + row.dimension(),
                    row.value().toPlainString());
        }
        return values;
    }
}
