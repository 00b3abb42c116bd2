package com.chatnation.crm.projections.analytics;

import com.chatnation.crm.domain.broadcast.BroadcastCreated;
import com.chatnation.crm.domain.broadcast.BroadcastStarted;
import com.chatnation.crm.domain.conversation.ConversationStarted;
import com.chatnation.crm.domain.organization.OrganizationOnboarded;
import com.chatnation.crm.domain.poll.PollCreated;
import com.chatnation.crm.domain.program.ProgramCreated;
import com.chatnation.crm.domain.staff.DashboardActionTaken;
import com.chatnation.crm.domain.staff.DashboardPageViewed;
import com.chatnation.crm.domain.staff.StaffInvited;
import com.chatnation.crm.domain.staff.StaffJoined;
import com.chatnation.crm.domain.staff.StaffRole;
import com.chatnation.crm.domain.survey.SurveyPublished;
import com.chatnation.crm.domain.template.MessageTemplateStatusChanged;
import com.chatnation.crm.domain.template.MessageTemplateSubmitted;
import com.chatnation.crm.domain.template.TemplateCategory;
import com.chatnation.crm.domain.wallet.TokensPurchased;
import com.chatnation.crm.projections.ReadTables;
import com.chatnation.crm.projections.analytics.PlatformActivationQueries.ActionFigures;
import com.chatnation.crm.projections.analytics.PlatformActivationQueries.Cohort;
import com.chatnation.crm.projections.analytics.PlatformActivationQueries.DashboardUsage;
import com.chatnation.crm.projections.analytics.PlatformActivationQueries.FeatureSummary;
import com.chatnation.crm.projections.analytics.PlatformActivationQueries.Filter;
import com.chatnation.crm.projections.analytics.PlatformActivationQueries.Funnel;
import com.chatnation.crm.projections.analytics.PlatformActivationQueries.OrganizationUsage;
import com.chatnation.crm.projections.analytics.PlatformActivationQueries.PageFigures;
import com.chatnation.crm.projections.analytics.PlatformActivationQueries.StaffActions;
import com.chatnation.crm.projections.analytics.PlatformActivationQueries.StepFigures;
import com.chatnation.crm.projections.audit.AuditMetaData;
import com.chatnation.crm.projections.support.History;
import com.chatnation.crm.projections.support.Projector;
import com.chatnation.crm.projections.support.Tables;
import com.chatnation.crm.projections.support.TestDatabase;
import org.axonframework.eventhandling.DomainEventMessage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Five organizations onboarded over two weeks reach different steps; every expected figure below is worked out by
 * hand from the script in {@link #history()}.
 */
class PlatformActivationProjectionTest {

    private static final String O1 = "org-1", O2 = "org-2", O3 = "org-3", O4 = "org-4", O5 = "org-5";
    private static final Instant NOW = Instant.parse("2025-04-11T00:00:00Z");
    private static final Filter ALL = new Filter(NOW, null, null, null);
    private static final String SEND = "POST /app/broadcasts/{id}/send";
    private static final String NEW_TEMPLATE = "POST /app/templates";
    private static final String NEW_SURVEY = "POST /app/surveys";
    private static final String INVITE = "POST /api/v1/orgs/{orgId}/invitations";

    private final JdbcTemplate jdbc = TestDatabase.jdbc();
    private final PlatformActivationQueries queries = new PlatformActivationQueries(jdbc);
    private Projector projector;

    @BeforeEach
    void setUp() {
        Tables.clear(jdbc);
        projector = new Projector(new PlatformActivationProjection(jdbc));
    }

    private static Instant at(String time) {
        return Instant.parse(time);
    }

    /** Invitations carry who sent them, as commands sent over HTTP do. */
    private static final Map<String, String> INVITED_BY = Map.of("u1-agent", AuditMetaData.USER,
            "u2-owner", AuditMetaData.PLATFORM, "u4-agent", AuditMetaData.USER);

    static List<DomainEventMessage<?>> history() {
        History h = new History();
        // O1, Monday 3 March: every step, in order
        h.add(O1, new OrganizationOnboarded(O1, "One", "p1", null, 0, "hash"), at("2025-03-03T09:00:00Z"));
        h.add("c1", conversation(O1, "s1"), at("2025-03-03T10:00:00Z"));
        h.add("sv1", new SurveyPublished("sv1", O1, 1, null), at("2025-03-03T12:00:00Z"));
        h.add("t1", new MessageTemplateSubmitted("t1", O1, "hello", "en", TemplateCategory.MARKETING, null, "m1",
                "PENDING"), at("2025-03-04T10:00:00Z"));
        h.add("t1", new MessageTemplateStatusChanged("t1", O1, "APPROVED", "PENDING", null), at("2025-03-04T12:00:00Z"));
        h.add("b1", new BroadcastCreated("b1", O1, "spring", null, null, null, "aud", null), at("2025-03-05T08:00:00Z"));
        h.add("b1", new BroadcastStarted("b1", O1, 10, 0, "r1", 10), at("2025-03-05T12:00:00Z"));
        h.add("team-1", invited(O1, "u1-agent"), at("2025-03-05T18:00:00Z"));
        h.add("w1", new TokensPurchased("w1", O1, "pay-1", 100, 100), at("2025-03-06T18:00:00Z"));
        h.add("w1", new TokensPurchased("w1", O1, "pay-1b", 100, 200), at("2025-03-20T08:00:00Z"));
        h.add("views", new DashboardPageViewed(O1, "s1-staff", "/app", at("2025-03-20T10:00:00Z")));
        h.add("views", new DashboardPageViewed(O1, "s1-staff", "/app/templates", at("2025-03-20T10:05:00Z")));
        // O1's staff act: a template, the same broadcast send twice in the same millisecond (two events, two
        // actions), an invitation through the API by a second member, and an action after NOW
        h.add("actions", action(O1, "s1-staff", NEW_TEMPLATE, "2025-03-20T10:06:00Z"));
        h.add("actions", action(O1, "s1-staff", SEND, "2025-03-20T10:07:00Z"));
        h.add("actions", action(O1, "s1-staff", SEND, "2025-03-20T10:07:00Z"));
        h.add("actions", action(O1, "s1b-staff", INVITE, "2025-03-05T17:59:00Z"));
        h.add("actions", action(O1, "s1-staff", NEW_TEMPLATE, "2025-04-12T08:00:00Z"));
        // O2, Wednesday 5 March: a poll, a template, a purchase; its owner invited by the platform does not count
        h.add(O2, new OrganizationOnboarded(O2, "Two", "p2", null, 0, "hash"), at("2025-03-05T09:00:00Z"));
        h.add("team-2", invited(O2, "u2-owner"), at("2025-03-05T09:00:00Z"));
        h.add("c2", conversation(O2, "s2"), at("2025-03-05T12:00:00Z"));
        h.add("po2", new PollCreated("po2", O2, "?", List.of(), null, null, false, "vote", null, null),
                at("2025-03-06T12:00:00Z"));
        h.add("t2", new MessageTemplateSubmitted("t2", O2, "hi", "en", TemplateCategory.UTILITY, null, "m2",
                "PENDING"), at("2025-03-07T12:00:00Z"));
        h.add("t2", new MessageTemplateStatusChanged("t2", O2, "APPROVED", "PENDING", null), at("2025-03-08T12:00:00Z"));
        h.add("w2", new TokensPurchased("w2", O2, "pay-2", 50, 50), at("2025-03-09T09:00:00Z"));
        h.add("team-2", new StaffJoined("team-2", O2, "u2-owner", null), at("2025-03-20T09:00:00Z"));
        h.add("actions", action(O2, "u2-owner", NEW_TEMPLATE, "2025-03-20T09:05:00Z"));
        // O3, Sunday 9 March (still the first week): a conversation, then only the dashboard 32 days later
        h.add(O3, new OrganizationOnboarded(O3, "Three", "p3", null, 0, "hash"), at("2025-03-09T09:00:00Z"));
        h.add("c3", conversation(O3, "s3"), at("2025-03-10T09:00:00Z"));
        h.add("views", new DashboardPageViewed(O3, "s3-staff", "/app", at("2025-04-10T10:00:00Z")));
        h.add("views", new DashboardPageViewed(O3, "s3-staff", "/app/surveys", at("2025-04-10T10:01:00Z")));
        h.add("views", new DashboardPageViewed(O3, "s3-staff", "/app/surveys", at("2025-04-10T10:01:30Z")));
        h.add("actions", action(O3, "s3-staff", NEW_SURVEY, "2025-04-10T10:02:00Z"));
        // O4, Tuesday 11 March: a program, tokens bought before it invited anyone, never a conversation
        h.add(O4, new OrganizationOnboarded(O4, "Four", "p4", null, 0, "hash"), at("2025-03-11T09:00:00Z"));
        h.add("pr4", new ProgramCreated("pr4", O4, "Tips", null, null, "UTC", "tips", "beginning", null, null, null),
                at("2025-03-11T11:00:00Z"));
        h.add("w4", new TokensPurchased("w4", O4, "pay-4", 10, 10), at("2025-03-11T12:00:00Z"));
        h.add("team-4", invited(O4, "u4-agent"), at("2025-03-12T09:00:00Z"));
        // O5, Friday 14 March: nothing after onboarding, and not yet 30 days old
        h.add(O5, new OrganizationOnboarded(O5, "Five", "p5", null, 0, "hash"), at("2025-03-14T09:00:00Z"));
        // O1's second session, 38 days after onboarding: still active
        h.add("c1", conversation(O1, "s1b"), at("2025-04-10T09:00:00Z"));
        List<DomainEventMessage<?>> events = new ArrayList<>();
        for (DomainEventMessage<?> event : h.events()) {
            events.add(event.getPayload() instanceof StaffInvited invited
                    ? event.andMetaData(Map.of(AuditMetaData.ACTOR_TYPE, INVITED_BY.get(invited.userId())))
                    : event);
        }
        return events;
    }

    private static DashboardActionTaken action(String organization, String staff, String action, String at) {
        return new DashboardActionTaken(organization, staff, action, Instant.parse(at));
    }

    private static ConversationStarted conversation(String organization, String session) {
        return new ConversationStarted("conv-" + session, session, organization, "contact", "+254700000000", "Ann",
                null, Duration.ofHours(24));
    }

    private static StaffInvited invited(String organization, String userId) {
        return new StaffInvited("team", organization, userId, userId + "@example.com", null, userId,
                Set.of(StaffRole.AGENT), "hash", null, null);
    }

    private static StepFigures step(int position, String name, long eligible, long reached, Double percent,
                                    long never, Double neverPercent, Long previous, Long converted, Double conversion,
                                    Long dropOff, long outOfOrder, Double medianSeconds) {
        return new StepFigures(position, name, eligible, reached, percent, never, neverPercent, previous, converted,
                conversion, dropOff, outOfOrder, medianSeconds, medianSeconds == null ? null : medianSeconds / 3600);
    }

    @Test
    void funnelCountsConversionsDropOffAndMediansAsWorkedOutByHand() {
        projector.apply(history());

        Funnel funnel = queries.funnel(ALL);

        assertThat(funnel.organizations()).isEqualTo(5);
        assertThat(funnel.steps()).containsExactly(
                step(1, "onboarded", 5, 5, 100.0, 0, 0.0, null, null, null, null, 0, null),
                // O1 1 h, O2 3 h, O3 24 h after onboarding: median 3 h
                step(2, "first_conversation", 5, 3, 60.0, 2, 40.0, 5L, 3L, 60.0, 2L, 0, 10_800.0),
                // O1 2 h, O2 24 h after their first conversation; O4's program came with no conversation
                step(3, "first_flow_published", 5, 3, 60.0, 2, 40.0, 3L, 2L, 66.67, 1L, 0, 46_800.0),
                // O1 24 h, O2 48 h after their flow
                step(4, "first_template_approved", 5, 2, 40.0, 3, 60.0, 3L, 2L, 66.67, 1L, 0, 129_600.0),
                step(5, "first_broadcast_sent", 5, 1, 20.0, 4, 80.0, 2L, 1L, 50.0, 1L, 0, 86_400.0),
                // O1 6 h after its broadcast; O4 invited with no broadcast; O2's owner came from the platform
                step(6, "first_member_invited", 5, 2, 40.0, 3, 60.0, 1L, 1L, 100.0, 0L, 0, 21_600.0),
                // O1 24 h after inviting; O4 bought before it invited (out of order); O2 bought without inviting
                step(7, "first_purchase_paid", 5, 3, 60.0, 2, 40.0, 2L, 2L, 100.0, 0L, 1, 86_400.0),
                // O5 is not 30 days old: 4 eligible; O1 (34 d 15 h after buying) and O3 came back, O2 and O4 did not
                step(8, "active_after_30_days", 4, 2, 50.0, 2, 50.0, 3L, 1L, 33.33, 2L, 0, 2_991_600.0));
    }

    @Test
    void theFunnelIsEvaluatedAtTheGivenTimeAndOverTheOnboardingDays() {
        projector.apply(history());

        Funnel before = queries.funnel(new Filter(Instant.parse("2025-04-09T00:00:00Z"), null, null, null));
        assertThat(before.steps().get(7).reached()).as("nobody had come back yet").isZero();
        assertThat(before.steps().get(7).eligible()).as("O1 to O3 are 30 days old, O4 not until 10 April").isEqualTo(3);

        Funnel secondWeek = queries.funnel(new Filter(NOW, LocalDate.parse("2025-03-10"),
                LocalDate.parse("2025-03-16"), null));
        assertThat(secondWeek.organizations()).isEqualTo(2);
        assertThat(secondWeek.steps()).extracting(StepFigures::reached).containsExactly(2L, 0L, 1L, 0L, 0L, 1L, 1L, 0L);

        Funnel one = queries.funnel(new Filter(NOW, null, null, O2));
        assertThat(one.steps()).extracting(StepFigures::reached).containsExactly(1L, 1L, 1L, 1L, 0L, 0L, 1L, 0L);
    }

    @Test
    void weeklyCohortsByOnboardingWeek() {
        projector.apply(history());

        List<Cohort> cohorts = queries.cohorts(ALL);

        assertThat(cohorts).containsExactly(
                new Cohort(LocalDate.parse("2025-03-03"), 3, 3, reached(3, 3, 2, 2, 1, 1, 2, 2)),
                new Cohort(LocalDate.parse("2025-03-10"), 2, 1, reached(2, 0, 1, 0, 0, 1, 1, 0)));
    }

    private static Map<String, Long> reached(long... counts) {
        Map<String, Long> reached = new LinkedHashMap<>();
        for (int i = 0; i < counts.length; i++) {
            reached.put(PlatformActivationQueries.STEPS.get(i).name(), counts[i]);
        }
        return reached;
    }

    @Test
    void featureUsagePerOrganization() {
        projector.apply(history());

        PlatformActivationQueries.FeatureUsage usage = queries.featureUsage(ALL);

        assertThat(usage.organizations()).isEqualTo(5);
        Map<String, Map<String, Long>> byOrganization = new LinkedHashMap<>();
        usage.perOrganization().forEach(o -> byOrganization.put(o.organizationId(), o.features()));
        assertThat(byOrganization.keySet()).containsExactly(O1, O2, O3, O4, O5);
        assertThat(byOrganization.get(O1)).containsEntry("templates", 1L).containsEntry("templates_approved", 1L)
                .containsEntry("broadcasts", 1L).containsEntry("broadcasts_sent", 1L)
                .containsEntry("members_invited", 1L).containsEntry("surveys", 1L)
                .containsEntry("token_purchases", 2L).containsEntry("polls", 0L);
        assertThat(byOrganization.get(O2)).containsEntry("polls", 1L).containsEntry("members_invited", 0L)
                .containsEntry("members_joined", 1L).containsEntry("token_purchases", 1L);
        assertThat(byOrganization.get(O4)).containsEntry("programs", 1L).containsEntry("members_invited", 1L);
        assertThat(byOrganization.get(O5).values()).allMatch(count -> count == 0);
        assertThat(usage.perOrganization()).extracting(OrganizationUsage::pageViews)
                .containsExactly(2L, 0L, 2L, 0L, 0L);
        // O1: a template, two sends, an invitation (its action after NOW does not count yet); O2 and O3 one each
        assertThat(usage.perOrganization()).extracting(OrganizationUsage::actions)
                .containsExactly(4L, 1L, 1L, 0L, 0L);
        assertThat(usage.summary()).contains(new FeatureSummary("templates", 2, 40.0, 2),
                new FeatureSummary("broadcasts_sent", 1, 20.0, 1),
                new FeatureSummary("members_invited", 2, 40.0, 2),
                new FeatureSummary("token_purchases", 3, 60.0, 4));
    }

    @Test
    void pageViewsAndWhereStaffStopped() {
        projector.apply(history());

        DashboardUsage usage = queries.dashboardUsage(ALL, Duration.ofDays(7));

        // s1 last saw /app/templates on 20 March (stopped); s3 was here yesterday; the second /app/surveys view in
        // the same minute is the same row. Actions by route prefix: /app has the five dashboard actions up to NOW
        // (two templates, two sends, a survey; the API invitation is not under /app), /app/surveys its survey,
        // /app/templates O1's and O2's templates
        assertThat(usage.pages()).containsExactly(new PageFigures("/app", 2, 2, 2, 0, 5),
                new PageFigures("/app/surveys", 1, 1, 1, 0, 1), new PageFigures("/app/templates", 1, 1, 1, 1, 2));
        assertThat(usage.staff()).isEqualTo(2);
        assertThat(usage.staffStopped()).isEqualTo(1);
    }

    @Test
    void staffActionsPerActionAsWorkedOutByHand() {
        projector.apply(history());

        StaffActions all = queries.staffActions(ALL);

        // the action on 12 April is after NOW; the two sends in the same millisecond are two events, two actions
        assertThat(all.actions()).containsExactly(
                new ActionFigures(SEND, 2, 1, 1, at("2025-03-20T10:07:00Z")),
                new ActionFigures(NEW_TEMPLATE, 2, 2, 2, at("2025-03-20T10:06:00Z")),
                new ActionFigures(INVITE, 1, 1, 1, at("2025-03-05T17:59:00Z")),
                new ActionFigures(NEW_SURVEY, 1, 1, 1, at("2025-04-10T10:02:00Z")));
        assertThat(all.count()).isEqualTo(6);
        assertThat(all.staff()).as("s1, s1b, O2's owner, s3").isEqualTo(4);
        assertThat(all.organizations()).isEqualTo(3);

        StaffActions one = queries.staffActions(new Filter(NOW, null, null, O1));
        assertThat(one.actions()).containsExactly(new ActionFigures(SEND, 2, 1, 1, at("2025-03-20T10:07:00Z")),
                new ActionFigures(INVITE, 1, 1, 1, at("2025-03-05T17:59:00Z")),
                new ActionFigures(NEW_TEMPLATE, 1, 1, 1, at("2025-03-20T10:06:00Z")));
        assertThat(one.staff()).isEqualTo(2);

        StaffActions later = queries.staffActions(new Filter(at("2025-04-13T00:00:00Z"), null, null, O1));
        assertThat(later.actions()).contains(new ActionFigures(NEW_TEMPLATE, 2, 1, 1, at("2025-04-12T08:00:00Z")));

        StaffActions early = queries.staffActions(new Filter(at("2025-03-20T10:00:00Z"), null, null, null));
        assertThat(early.actions()).containsExactly(new ActionFigures(INVITE, 1, 1, 1, at("2025-03-05T17:59:00Z")),
                new ActionFigures(NEW_TEMPLATE, 1, 1, 1, at("2025-03-20T09:05:00Z")));

        StaffActions secondWeek = queries.staffActions(new Filter(NOW, LocalDate.parse("2025-03-10"),
                LocalDate.parse("2025-03-16"), null));
        assertThat(secondWeek.actions()).as("O4 and O5 took no actions").isEmpty();
        assertThat(secondWeek.count()).isZero();
    }

    @Test
    void actionsAppliedTwiceKeepTheSameRows() {
        List<DomainEventMessage<?>> actions = history().stream()
                .filter(event -> event.getPayload() instanceof DashboardActionTaken).toList();
        projector.apply(actions);
        List<String> once = Tables.snapshot(jdbc, List.of("platform_staff_actions")).get("platform_staff_actions");
        assertThat(once).hasSize(7);

        projector.apply(actions);
        assertThat(Tables.snapshot(jdbc, List.of("platform_staff_actions")).get("platform_staff_actions"))
                .isEqualTo(once);
        assertThat(queries.staffActions(ALL).count()).as("no organization onboarded: none of them is counted")
                .isZero();
    }

    @Test
    void redeliveredEventsChangeNothingAndARebuildWritesTheSameRows() {
        List<DomainEventMessage<?>> events = history();
        projector.apply(events);
        Map<String, List<String>> live = Tables.snapshot(jdbc, ReadTables.tablesOf(PlatformActivationProjection.GROUP));
        Map<String, String> checksums = Tables.checksums(jdbc, PlatformActivationProjection.TABLES);
        assertThat(live.get("platform_activation")).hasSize(5);
        assertThat(live.get("platform_staff_actions")).hasSize(7);

        // every event delivered again, and each one twice in a row
        projector.apply(events);
        events.forEach(event -> {
            projector.apply(event);
            projector.apply(event);
        });
        assertThat(Tables.snapshot(jdbc, PlatformActivationProjection.TABLES)).isEqualTo(live);

        Tables.clear(jdbc);
        projector.apply(events);
        assertThat(Tables.checksums(jdbc, PlatformActivationProjection.TABLES)).isEqualTo(checksums);
        assertThat(queries.funnel(ALL).steps().get(1).reached()).isEqualTo(3);
        assertThat(queries.staffActions(ALL).count()).isEqualTo(6);
    }
}
