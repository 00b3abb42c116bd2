package com.chatnation.crm.projections.analytics;

import com.chatnation.crm.domain.broadcast.RecipientDeliveryUpdated;
import com.chatnation.crm.domain.conversation.ContactErased;
import com.chatnation.crm.domain.conversation.DeliveryStatus;
import com.chatnation.crm.domain.conversation.MessageReceived;
import com.chatnation.crm.domain.conversation.ReplyDeliveryUpdated;
import com.chatnation.crm.domain.messaging.MessageContent;
import com.chatnation.crm.domain.messaging.MessageContext;
import com.chatnation.crm.projections.ReadTables;
import com.chatnation.crm.projections.TestContacts;
import com.chatnation.crm.projections.queries.Cursor;
import com.chatnation.crm.projections.queries.EngagementQueries;
import com.chatnation.crm.projections.queries.EngagementQueries.BestTimes;
import com.chatnation.crm.projections.queries.EngagementQueries.ContactEngagement;
import com.chatnation.crm.projections.queries.Page;
import com.chatnation.crm.projections.support.History;
import com.chatnation.crm.projections.support.Projector;
import com.chatnation.crm.projections.support.Tables;
import com.chatnation.crm.projections.support.TestDatabase;
import org.axonframework.eventhandling.DomainEventMessage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Engagement and churn over a scripted history whose figures are worked out by hand below. Days are numbered
 * from 2025-01-01 (day 0); "now" is day 100 (2025-04-11) at noon. The usual gap is
 * (last day - first day) / (active days - 1), 30 days for a contact seen once.
 *
 * <pre>
 * NEWCOMER  days 90, 95 (95 twice)     avg 5,  longest 5,  gap 5   first 10 days ago, 2 active days → new
 * REGULAR   days 70,75,80,85,90,95     avg 5,  longest 5,  gap 5   6 days, 5 ≤ 5              → loyal
 * SLIPPING  days 40, 42, 49, 70        avg 10, longest 21, gap 30  30 > 2×10, 30 < 4×10, < 90 → at_risk
 * GONE      days 1, 2, 3               avg 1,  longest 1,  gap 97  97 ≥ 90                    → lapsed
 * DAILY     days 60, 61, 62, 63        avg 1,  longest 1,  gap 37  37 ≥ 4×1                   → lapsed
 * STEADY    days 70, 80, 90            avg 10, longest 10, gap 10  first 30 days ago (not new), 3 days → active
 * ONCE      day 65                     (usual 30)          gap 35  35 ≤ 60                    → active
 * OTHER     day 99 in another organization
 * </pre>
 */
class EngagementProjectionTest {

    private static final String ORG = "org-e";
    private static final String OTHER_ORG = "org-f";
    private static final LocalDate DAY_0 = LocalDate.parse("2025-01-01");
    private static final Instant NOW = at(100, "12:00");

    private static final String NEWCOMER = "+254711000001";
    private static final String REGULAR = "+254711000002";
    private static final String SLIPPING = "+254711000003";
    private static final String GONE = "+254711000004";
    private static final String DAILY = "+254711000005";
    private static final String STEADY = "+254711000006";
    private static final String ONCE = "+254711000007";
    private static final String OTHER = "+254711000008";

    private final JdbcTemplate jdbc = TestDatabase.jdbc();
    private final EngagementQueries queries = new EngagementQueries(new NamedParameterJdbcTemplate(jdbc));
    private Projector projector;

    @BeforeEach
    void setUp() {
        Tables.clear(jdbc);
        projector = new Projector(new EngagementProjection(jdbc));
    }

    private static Instant at(int day, String time) {
        return DAY_0.plusDays(day).atTime(java.time.LocalTime.parse(time)).toInstant(ZoneOffset.UTC);
    }

    private static Instant at(String instant) {
        return Instant.parse(instant);
    }

    private static String stream(String org, String phone) {
        return "conversation-" + org + "-" + phone.substring(1);
    }

    private static void message(History h, String org, String phone, Instant time) {
        h.add(stream(org, phone), new MessageReceived(stream(org, phone), "s-" + phone, org, TestContacts.id(phone),
                phone, "wamid." + time, time, new MessageContent.Text("hi"), MessageContext.NONE, null), time);
    }

    private static void visits(History h, String phone, int... days) {
        for (int day : days) {
            message(h, ORG, phone, at(day, "09:00"));
        }
    }

    private static void replyRead(History h, String phone, String replyId, DeliveryStatus status, Instant time) {
        h.add(stream(ORG, phone), new ReplyDeliveryUpdated(stream(ORG, phone), "s-" + phone, ORG,
                TestContacts.id(phone), replyId, "wamid." + replyId, status, time, null, null), time);
    }

    private static void broadcastRead(History h, String phone, String recipientId, Instant time) {
        h.add(recipientId, new RecipientDeliveryUpdated(recipientId, "bc-1", ORG, TestContacts.id(phone),
                DeliveryStatus.READ, time, null, null, 0), time);
    }

    /**
     * Reads (UTC → Africa/Nairobi, UTC+3):
     * ONCE rec-2 Thu 03-06 07:40 → Thu 10:40 (before ONCE ever wrote); NEWCOMER r1 Tue 04-01 18:10 → Tue 21:10;
     * REGULAR r2 Tue 04-01 18:40 → Tue 21:40; STEADY r5 Thu 04-03 18:05 → Thu 21:05; SLIPPING rec-1 Wed 04-02 07:15
     * → Wed 10:15; REGULAR r3 Sun 04-06 22:30 → Mon 01:30. Not counted: r1 read again, r4 only delivered.
     */
    static History history() {
        History h = new History();
        broadcastRead(h, ONCE, "rec-2", at("2025-03-06T07:40:00Z"));
        visits(h, GONE, 1, 2, 3);
        visits(h, SLIPPING, 40, 42, 49);
        visits(h, DAILY, 60, 61, 62, 63);
        visits(h, ONCE, 65);
        visits(h, REGULAR, 70, 75, 80, 85);
        visits(h, SLIPPING, 70);
        visits(h, STEADY, 70, 80);
        visits(h, REGULAR, 90);
        visits(h, STEADY, 90);
        visits(h, NEWCOMER, 90);
        replyRead(h, NEWCOMER, "r1", DeliveryStatus.READ, at("2025-04-01T18:10:00Z"));
        replyRead(h, REGULAR, "r2", DeliveryStatus.READ, at("2025-04-01T18:40:00Z"));
        broadcastRead(h, SLIPPING, "rec-1", at("2025-04-02T07:15:00Z"));
        replyRead(h, NEWCOMER, "r1", DeliveryStatus.READ, at("2025-04-02T09:00:00Z"));
        replyRead(h, NEWCOMER, "r4", DeliveryStatus.DELIVERED, at("2025-04-02T07:00:00Z"));
        replyRead(h, STEADY, "r5", DeliveryStatus.READ, at("2025-04-03T18:05:00Z"));
        message(h, ORG, NEWCOMER, at(95, "18:30"));
        message(h, ORG, NEWCOMER, at(95, "08:15"));
        visits(h, REGULAR, 95);
        replyRead(h, REGULAR, "r3", DeliveryStatus.READ, at("2025-04-06T22:30:00Z"));
        message(h, OTHER_ORG, OTHER, at(99, "10:00"));
        return h;
    }

    private Map<UUID, ContactEngagement> all(String org, Instant now) {
        Map<UUID, ContactEngagement> rows = new java.util.LinkedHashMap<>();
        Cursor after = null;
        do {
            Page<ContactEngagement> page = queries.contacts(org, now, null, after, 3);
            page.items().forEach(row -> rows.put(row.contactId(), row));
            after = page.nextCursor() == null ? null : Cursor.decode(page.nextCursor());
        } while (after != null);
        return rows;
    }

    private static UUID id(String phone) {
        return UUID.fromString(TestContacts.id(phone));
    }

    @Test
    void figuresAndClassesMatchTheHandWorkedHistory() {
        projector.apply(history().events());

        Map<UUID, ContactEngagement> rows = all(ORG, NOW);

        assertThat(rows).hasSize(7);
        assertThat(rows.keySet().stream().map(UUID::toString).toList()).as("contact id order across pages")
                .isSorted();
        assertThat(rows.get(id(NEWCOMER))).isEqualTo(new ContactEngagement(id(NEWCOMER), at(90, "09:00"),
                at(95, "18:30"), 2, 5.0, 5, 5, DAY_0.plusDays(100), 1, at("2025-04-01T18:10:00Z"), "new"));
        assertThat(rows.get(id(REGULAR))).isEqualTo(new ContactEngagement(id(REGULAR), at(70, "09:00"),
                at(95, "09:00"), 6, 5.0, 5, 5, DAY_0.plusDays(100), 2, at("2025-04-06T22:30:00Z"), "loyal"));
        assertThat(rows.get(id(SLIPPING))).isEqualTo(new ContactEngagement(id(SLIPPING), at(40, "09:00"),
                at(70, "09:00"), 4, 10.0, 21, 30, DAY_0.plusDays(80), 1, at("2025-04-02T07:15:00Z"), "at_risk"));
        assertThat(rows.get(id(GONE))).isEqualTo(new ContactEngagement(id(GONE), at(1, "09:00"),
                at(3, "09:00"), 3, 1.0, 1, 97, DAY_0.plusDays(4), 0, null, "lapsed"));
        assertThat(rows.get(id(DAILY))).isEqualTo(new ContactEngagement(id(DAILY), at(60, "09:00"),
                at(63, "09:00"), 4, 1.0, 1, 37, DAY_0.plusDays(64), 0, null, "lapsed"));
        assertThat(rows.get(id(STEADY))).isEqualTo(new ContactEngagement(id(STEADY), at(70, "09:00"),
                at(90, "09:00"), 3, 10.0, 10, 10, DAY_0.plusDays(100), 1, at("2025-04-03T18:05:00Z"), "active"));
        assertThat(rows.get(id(ONCE))).as("seen once: no average, no prediction; the read before the first message "
                        + "counts").isEqualTo(new ContactEngagement(id(ONCE), at(65, "09:00"), at(65, "09:00"), 1,
                null, null, 35, null, 1, at("2025-03-06T07:40:00Z"), "active"));

        assertThat(queries.segments(ORG, NOW)).containsExactly(Map.entry("new", 1L), Map.entry("active", 2L),
                Map.entry("loyal", 1L), Map.entry("at_risk", 1L), Map.entry("lapsed", 2L));
        assertThat(queries.contacts(ORG, NOW, "lapsed", null, 50).items())
                .extracting(ContactEngagement::contactId).containsExactlyInAnyOrder(id(GONE), id(DAILY));
        assertThat(queries.contacts(OTHER_ORG, NOW, null, null, 50).items())
                .extracting(ContactEngagement::contactId).containsExactly(id(OTHER));
    }

    @Test
    void classesFollowTheNowAskedFor() {
        projector.apply(history().events());

        // day 200: every last visit is at least 105 days old
        assertThat(queries.segments(ORG, at(200, "00:00"))).containsEntry("lapsed", 7L).containsEntry("new", 0L);
        // day 96: SLIPPING's gap is 26 (> 20, < 40), REGULAR's 1, NEWCOMER still new; STEADY's first day 70 is
        // 26 days back and it has 3 active days: new again; DAILY's 33 ≥ 4; GONE's 93 ≥ 90; ONCE 31 ≤ 60
        assertThat(queries.segments(ORG, at(96, "23:59"))).containsExactly(Map.entry("new", 2L),
                Map.entry("active", 1L), Map.entry("loyal", 1L), Map.entry("at_risk", 1L), Map.entry("lapsed", 2L));
        // day 110: REGULAR's gap 15 > 2×5 → at_risk; STEADY's 20 = 2×10, not more → active; NEWCOMER: first day 90
        // is 20 days back (still new)
        Map<UUID, ContactEngagement> later = all(ORG, at(110, "08:00"));
        assertThat(later.get(id(REGULAR)).segment()).isEqualTo("at_risk");
        assertThat(later.get(id(STEADY)).segment()).isEqualTo("active");
        assertThat(later.get(id(NEWCOMER)).segment()).isEqualTo("new");
        // day 119: first day 90 is 29 days back, still new; day 120: no longer new, and the gap 25 ≥ 4×5 → lapsed
        assertThat(all(ORG, at(119, "23:00")).get(id(NEWCOMER)).segment()).isEqualTo("new");
        assertThat(all(ORG, at(120, "00:00")).get(id(NEWCOMER)).segment()).isEqualTo("lapsed");
    }

    @Test
    void bestTimesCountReadsByHourAndWeekdayInTheZoneAsked() {
        projector.apply(history().events());

        BestTimes utc = queries.bestTimes(ORG, ZoneOffset.UTC);
        assertThat(utc.reads()).isEqualTo(6);
        assertThat(utc.hours().get(18)).isEqualTo(3);
        assertThat(utc.hours().get(7)).isEqualTo(2);
        assertThat(utc.hours().get(22)).isEqualTo(1);
        assertThat(utc.bestHour()).isEqualTo(18);
        assertThat(utc.weekdays()).containsExactly(0L, 2L, 1L, 2L, 0L, 0L, 1L);
        assertThat(utc.bestWeekday()).as("Tuesday and Thursday tie: the earlier").isEqualTo("tuesday");

        BestTimes nairobi = queries.bestTimes(ORG, ZoneId.of("Africa/Nairobi"));
        assertThat(nairobi.reads()).isEqualTo(6);
        assertThat(nairobi.hours().get(21)).isEqualTo(3);
        assertThat(nairobi.hours().get(10)).isEqualTo(2);
        assertThat(nairobi.hours().get(1)).isEqualTo(1);
        assertThat(nairobi.bestHour()).isEqualTo(21);
        assertThat(nairobi.weekdays()).containsExactly(1L, 2L, 1L, 2L, 0L, 0L, 0L);

        BestTimes plusThree = queries.bestTimes(ORG, ZoneOffset.ofHours(3));
        assertThat(plusThree.hours()).as("an offset is east of UTC, as Nairobi").isEqualTo(nairobi.hours());
        assertThat(plusThree.weekdays()).isEqualTo(nairobi.weekdays());

        BestTimes none = queries.bestTimes(OTHER_ORG, ZoneOffset.UTC);
        assertThat(none.reads()).isZero();
        assertThat(none.bestHour()).isNull();
        assertThat(none.bestWeekday()).isNull();
    }

    @Test
    void redeliveredRebuiltAndReorderedHistoriesGiveTheSameRows() {
        List<DomainEventMessage<?>> events = history().events();
        projector.apply(events);
        Map<String, List<String>> live = Tables.snapshot(jdbc, EngagementProjection.TABLES);
        Map<String, String> liveSums = Tables.checksums(jdbc, EngagementProjection.TABLES);
        // 2 + 6 + 4 + 3 + 4 + 3 + 1 + 1: NEWCOMER's three messages on days 90 and 95 are two active days
        assertThat(live.get("engagement_days")).hasSize(24);

        projector.apply(events);
        assertThat(Tables.snapshot(jdbc, EngagementProjection.TABLES)).as("every event delivered twice")
                .isEqualTo(live);

        ReadTables.truncate(jdbc, ReadTables.tablesOf(EngagementProjection.GROUP));
        projector.apply(events);
        assertThat(Tables.checksums(jdbc, EngagementProjection.TABLES)).as("rebuilt from history")
                .isEqualTo(liveSums);

        ReadTables.truncate(jdbc, ReadTables.tablesOf(EngagementProjection.GROUP));
        List<DomainEventMessage<?>> shuffled = new ArrayList<>(events);
        // the redelivered r1 report must stay after the first one: the first report of a read is kept
        Collections.shuffle(shuffled, new Random(19));
        shuffled.removeIf(event -> event.getPayload() instanceof ReplyDeliveryUpdated update
                && "r1".equals(update.replyId()));
        projector.apply(shuffled);
        events.stream().filter(event -> event.getPayload() instanceof ReplyDeliveryUpdated update
                && "r1".equals(update.replyId())).forEach(projector::apply);
        assertThat(Tables.checksums(jdbc, EngagementProjection.TABLES)).as("messages in any order")
                .isEqualTo(liveSums);
    }

    @Test
    void erasureRemovesTheContactsFiguresAndKeepsTheirReadsAnonymously() {
        History h = history();
        h.add(stream(ORG, REGULAR), new ContactErased(stream(ORG, REGULAR), "s-" + REGULAR, ORG,
                TestContacts.id(REGULAR), "request", at(100, "10:00")), at(100, "10:00"));
        projector.apply(h.events());

        assertThat(all(ORG, NOW)).hasSize(6).doesNotContainKey(id(REGULAR));
        assertThat(jdbc.queryForObject("SELECT count(*) FROM engagement_days WHERE contact_id = ?", Integer.class,
                id(REGULAR))).isZero();
        assertThat(queries.segments(ORG, NOW)).containsEntry("loyal", 0L);
        assertThat(queries.bestTimes(ORG, ZoneOffset.UTC).reads()).as("the organization's reads stay").isEqualTo(6);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM engagement_reads WHERE contact_id IS NULL",
                Integer.class)).isEqualTo(2);

        Map<String, String> live = Tables.checksums(jdbc, EngagementProjection.TABLES);
        ReadTables.truncate(jdbc, ReadTables.tablesOf(EngagementProjection.GROUP));
        projector.apply(h.events());
        assertThat(Tables.checksums(jdbc, EngagementProjection.TABLES)).as("a rebuild after the erasure")
                .isEqualTo(live);
    }
}
