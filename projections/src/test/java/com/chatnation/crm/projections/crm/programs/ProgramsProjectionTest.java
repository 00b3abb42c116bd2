package com.chatnation.crm.projections.crm.programs;

import com.chatnation.crm.domain.conversation.ContactErased;
import com.chatnation.crm.domain.conversation.DeliveryStatus;
import com.chatnation.crm.domain.conversation.ReplyDeliveryUpdated;
import com.chatnation.crm.domain.conversation.ReplyFailed;
import com.chatnation.crm.domain.conversation.ReplySent;
import com.chatnation.crm.domain.program.ContentItem;
import com.chatnation.crm.domain.program.ContentItemAdded;
import com.chatnation.crm.domain.program.ContentItemRemoved;
import com.chatnation.crm.domain.program.ProgramArchived;
import com.chatnation.crm.domain.program.ProgramCreated;
import com.chatnation.crm.domain.program.ProgramItemDelivered;
import com.chatnation.crm.domain.program.ProgramSchedule;
import com.chatnation.crm.domain.program.ProgramSubscription;
import com.chatnation.crm.domain.program.SubscribedToProgram;
import com.chatnation.crm.domain.program.UnsubscribedFromProgram;
import com.chatnation.crm.projections.TestContacts;
import com.chatnation.crm.projections.queries.Cursor;
import com.chatnation.crm.projections.queries.Page;
import com.chatnation.crm.projections.queries.ProgramQueries;
import com.chatnation.crm.projections.queries.ProgramQueries.Analytics;
import com.chatnation.crm.projections.queries.ProgramQueries.ItemRow;
import com.chatnation.crm.projections.queries.ProgramQueries.ProgramRow;
import com.chatnation.crm.projections.queries.ProgramQueries.SubscriberDay;
import com.chatnation.crm.projections.queries.ProgramQueries.SubscriberRow;
import com.chatnation.crm.projections.support.History;
import com.chatnation.crm.projections.support.Projector;
import com.chatnation.crm.projections.support.Tables;
import com.chatnation.crm.projections.support.TestDatabase;
import org.axonframework.eventhandling.DomainEventMessage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

/**
 * A daily devotional in Nairobi (UTC+3) over two weeks of March 2025, with every figure of its read model counted by
 * hand: four contacts join, one leaves after two days, one is erased after nine, one leaves after ten and comes
 * back; five items are sent and WhatsApp reports on them in every order it may.
 */
class ProgramsProjectionTest {

    private static final String ORG = "org-programs";
    private static final String PROGRAM = "program-devotional";
    private static final String WEEKLY = "program-newsletter";
    private static final String NAIROBI = "Africa/Nairobi";
    private static final List<String> TABLES = ProgramsProjection.TABLES;
    private static final String ANN = TestContacts.id("+254712100001");
    private static final String BEN = TestContacts.id("+254712100002");
    private static final String CEE = TestContacts.id("+254712100003");
    private static final String DAN = TestContacts.id("+254712100004");
    /** Mid-afternoon in Nairobi on the 15th: the analytics' today. */
    private static final Instant NOW = Instant.parse("2025-03-15T12:00:00Z");

    private final JdbcTemplate jdbc = TestDatabase.jdbc();
    private final ProgramQueries queries = new ProgramQueries(new NamedParameterJdbcTemplate(jdbc));
    private Projector projector;

    @BeforeEach
    void setUp() {
        Tables.clear(jdbc);
        projector = new Projector(new ProgramsProjection(jdbc));
    }

    private static String subscription(String contact) {
        return ProgramSubscription.idOf(PROGRAM, contact);
    }

    private static String conversation(String contact) {
        return "conversation-" + ORG + "-" + contact;
    }

    private static Instant at(String utc) {
        return Instant.parse(utc);
    }

    private static SubscribedToProgram joins(String contact, String source, boolean back, String utc) {
        return new SubscribedToProgram(subscription(contact), PROGRAM, ORG, contact, conversation(contact), source, 0,
                back, at(utc));
    }

    private static UnsubscribedFromProgram leaves(String contact, String joinedUtc, String utc) {
        return new UnsubscribedFromProgram(subscription(contact), PROGRAM, ORG, contact,
                UnsubscribedFromProgram.KEYWORD, at(joinedUtc), at(utc));
    }

    private static ProgramItemDelivered delivered(String contact, String item, int sequence, String slot,
                                                  String replyId) {
        LocalDate day = LocalDate.parse(slot);
        return new ProgramItemDelivered(subscription(contact), PROGRAM, ORG, contact, conversation(contact), item,
                sequence, day, replyId, day.atTime(3, 0).toInstant(java.time.ZoneOffset.UTC));
    }

    private static ReplySent sent(String contact, String replyId) {
        return new ReplySent(conversation(contact), "session", ORG, contact, replyId, "wamid." + replyId, 1);
    }

    private static ReplyDeliveryUpdated status(String contact, String replyId, DeliveryStatus status, String utc) {
        return new ReplyDeliveryUpdated(conversation(contact), "session", ORG, contact, replyId, "wamid." + replyId,
                status, at(utc), DeliveryStatus.FAILED == status ? 131026 : null,
                DeliveryStatus.FAILED == status ? "Message undeliverable" : null);
    }

    private static ContentItem text(String id, int sequence, String body) {
        return new ContentItem(id, ContentItem.TEXT, body, null, null, sequence, null);
    }

    /**
     * The scripted history (times UTC; Nairobi is three hours ahead):
     * <ul>
     *   <li>Ann joins on the 1st, Ben at 00:30 on the 2nd in Nairobi (still the 1st in UTC), Cee on the 2nd, Dan on
     *   the 3rd;</li>
     *   <li>the slot of the 2nd sends item 1 to Ann (sent, delivered, read) and Ben (sent, then read with no
     *   "delivered" between); the slot of the 3rd sends item 2 to Ann (sent, failed, then read after all) and Ben
     *   (sent, delivered, then a late "sent"), and item 1 to Cee, which WhatsApp refuses at sending;</li>
     *   <li>Cee leaves on the 4th (two days in), item 2 is removed on the 5th, Ann is erased on the 10th (nine days
     *   in), Dan leaves on the 13th (ten days in) and comes back on the 14th.</li>
     * </ul>
     */
    private static History history() {
        Instant created = at("2025-03-01T08:00:00Z");
        return new History()
                .add(PROGRAM, new ProgramCreated(PROGRAM, ORG, "Morning Devotional", "A word a day",
                        ProgramSchedule.daily(LocalTime.of(6, 0)), NAIROBI, "devotional", ProgramCreated.FROM_BEGINNING,
                        "devotional_reminder", "en", created), created)
                .add(PROGRAM, new ContentItemAdded(PROGRAM, ORG, text("item-1", 1, "Day one: gratitude."),
                        at("2025-03-01T08:01:00Z")), at("2025-03-01T08:01:00Z"))
                .add(PROGRAM, new ContentItemAdded(PROGRAM, ORG, new ContentItem("item-2", ContentItem.IMAGE,
                        "Day two", ORG + "/" + "a".repeat(64), null, 2, null), at("2025-03-01T08:02:00Z")),
                        at("2025-03-01T08:02:00Z"))
                .add(PROGRAM, new ContentItemAdded(PROGRAM, ORG, new ContentItem("item-easter", ContentItem.TEXT,
                        "Happy Easter!", null, null, null, LocalDate.parse("2025-04-20")), at("2025-03-01T08:03:00Z")),
                        at("2025-03-01T08:03:00Z"))
                .add(subscription(ANN), joins(ANN, SubscribedToProgram.KEYWORD, false, "2025-03-01T09:00:00Z"),
                        at("2025-03-01T09:00:00Z"))
                .add(subscription(BEN), joins(BEN, SubscribedToProgram.AGENT, false, "2025-03-01T21:30:00Z"),
                        at("2025-03-01T21:30:00Z"))
                .add(subscription(ANN), delivered(ANN, "item-1", 1, "2025-03-02", "r1"), at("2025-03-02T03:00:00Z"))
                .add(subscription(BEN), delivered(BEN, "item-1", 1, "2025-03-02", "r2"), at("2025-03-02T03:00:01Z"))
                .add(conversation(ANN), sent(ANN, "r1"), at("2025-03-02T03:00:02Z"))
                .add(conversation(BEN), sent(BEN, "r2"), at("2025-03-02T03:00:03Z"))
                .add(conversation(ANN), status(ANN, "r1", DeliveryStatus.DELIVERED, "2025-03-02T03:00:05Z"),
                        at("2025-03-02T03:00:06Z"))
                .add(conversation(BEN), status(BEN, "r2", DeliveryStatus.READ, "2025-03-02T05:00:00Z"),
                        at("2025-03-02T05:00:01Z"))
                .add(conversation(ANN), status(ANN, "r1", DeliveryStatus.READ, "2025-03-02T06:00:00Z"),
                        at("2025-03-02T06:00:01Z"))
                .add(conversation("someone"), new ReplySent(conversation("someone"), "s", ORG, CEE, "not-a-program",
                        "wamid.x", 1), at("2025-03-02T07:00:00Z"))
                .add(subscription(CEE), joins(CEE, SubscribedToProgram.KEYWORD, false, "2025-03-02T10:00:00Z"),
                        at("2025-03-02T10:00:00Z"))
                .add(subscription(DAN), joins(DAN, SubscribedToProgram.MENU, false, "2025-03-03T07:00:00Z"),
                        at("2025-03-03T07:00:00Z"))
                .add(subscription(ANN), delivered(ANN, "item-2", 2, "2025-03-03", "r3"), at("2025-03-03T03:00:00Z"))
                .add(subscription(BEN), delivered(BEN, "item-2", 2, "2025-03-03", "r4"), at("2025-03-03T03:00:01Z"))
                .add(subscription(CEE), delivered(CEE, "item-1", 1, "2025-03-03", "r5"), at("2025-03-03T03:00:02Z"))
                .add(conversation(ANN), sent(ANN, "r3"), at("2025-03-03T03:00:03Z"))
                .add(conversation(BEN), sent(BEN, "r4"), at("2025-03-03T03:00:04Z"))
                .add(conversation(CEE), new ReplyFailed(conversation(CEE), "session", ORG, CEE, "r5", 131047,
                        "Re-engagement message"), at("2025-03-03T03:00:05Z"))
                .add(conversation(ANN), status(ANN, "r3", DeliveryStatus.FAILED, "2025-03-03T03:01:00Z"),
                        at("2025-03-03T03:01:01Z"))
                .add(conversation(BEN), status(BEN, "r4", DeliveryStatus.DELIVERED, "2025-03-03T03:02:00Z"),
                        at("2025-03-03T03:02:01Z"))
                .add(conversation(ANN), status(ANN, "r3", DeliveryStatus.READ, "2025-03-03T09:00:00Z"),
                        at("2025-03-03T09:00:01Z"))
                .add(conversation(BEN), status(BEN, "r4", DeliveryStatus.SENT, "2025-03-03T03:00:30Z"),
                        at("2025-03-03T09:10:00Z"))
                .add(subscription(CEE), leaves(CEE, "2025-03-02T10:00:00Z", "2025-03-04T12:00:00Z"),
                        at("2025-03-04T12:00:00Z"))
                .add(PROGRAM, new ContentItemRemoved(PROGRAM, ORG, "item-2", at("2025-03-05T08:00:00Z")),
                        at("2025-03-05T08:00:00Z"))
                .add(conversation(ANN), new ContactErased(conversation(ANN), null, ORG, ANN, "request",
                        at("2025-03-10T09:00:00Z")), at("2025-03-10T09:00:00Z"))
                .add(subscription(DAN), leaves(DAN, "2025-03-03T07:00:00Z", "2025-03-13T07:00:00Z"),
                        at("2025-03-13T07:00:00Z"))
                .add(subscription(DAN), joins(DAN, SubscribedToProgram.KEYWORD, true, "2025-03-14T07:00:00Z"),
                        at("2025-03-14T07:00:00Z"))
                .add(WEEKLY, new ProgramCreated(WEEKLY, ORG, "Weekly Newsletter", null,
                        ProgramSchedule.weekly(DayOfWeek.SUNDAY, LocalTime.of(18, 30)), NAIROBI, "news",
                        ProgramCreated.FROM_TODAY, null, null, at("2025-03-14T08:00:00Z")), at("2025-03-14T08:00:00Z"))
                .add(WEEKLY, new ProgramArchived(WEEKLY, ORG, at("2025-03-15T08:00:00Z")), at("2025-03-15T08:00:00Z"));
    }

    @Test
    void eachItemCountsEachStageOfEachDeliveryOnceWhateverOrderWhatsAppReportsIn() {
        projector.apply(history().events());

        ProgramQueries.ProgramDetail detail = queries.detail(ORG, PROGRAM).orElseThrow();
        // item 2 was removed: the program shows what it still sends, in order (the series, then the dated ones)
        assertThat(detail.items()).extracting(ItemRow::id).containsExactly("item-1", "item-easter");
        Analytics analytics = queries.analytics(ORG, PROGRAM, 15, 7, NOW).orElseThrow();
        // item 1: Ann's and Ben's were sent, delivered (Ben's by being read) and read; Cee's was refused at sending
        // item 2: Ann's failed and was then read (so delivered, and no longer failed); Ben's delivered, the late
        // "sent" changes nothing
        assertThat(analytics.items()).extracting(ItemRow::id, ItemRow::sent, ItemRow::delivered, ItemRow::read,
                ItemRow::failed, ItemRow::deliveryRate, ItemRow::readRate).containsExactly(
                tuple("item-1", 2L, 2L, 2L, 1L, new BigDecimal("100.0"), new BigDecimal("100.0")),
                tuple("item-2", 2L, 2L, 1L, 0L, new BigDecimal("100.0"), new BigDecimal("50.0")),
                tuple("item-easter", 0L, 0L, 0L, 0L, new BigDecimal("0.0"), new BigDecimal("0.0")));
        assertThat(analytics.items().get(1).removedAt()).isEqualTo(at("2025-03-05T08:00:00Z"));
        assertThat(analytics.items().get(2).scheduledOn()).isEqualTo(LocalDate.parse("2025-04-20"));

        // Ann's deliveries went with her erasure; the counters above are anonymous and stayed
        assertThat(jdbc.queryForList("SELECT reply_id || ' ' || status FROM program_deliveries ORDER BY reply_id",
                String.class)).containsExactly("r2 read", "r4 delivered", "r5 failed");
        assertThat(jdbc.queryForObject("SELECT sent_at IS NULL FROM program_deliveries WHERE reply_id = 'r5'",
                Boolean.class)).isTrue();
    }

    @Test
    void subscribersPerDayCountInTheProgramsTimeZoneAndChurnCountsThoseWhoLeftWithinTheDays() {
        projector.apply(history().events());

        Analytics analytics = queries.analytics(ORG, PROGRAM, 15, 7, NOW).orElseThrow();
        assertThat(analytics.subscribers()).isEqualTo(2); // Ben, and Dan since he came back
        assertThat(analytics.days()).hasSize(15);
        // joined on the 1st (Ann), the 2nd (Ben just after midnight in Nairobi, Cee), the 3rd (Dan), the 14th (Dan
        // back); left on the 4th (Cee), the 10th (Ann, erased), the 13th (Dan)
        assertThat(analytics.days()).extracting(SubscriberDay::day, SubscriberDay::joined, SubscriberDay::left,
                SubscriberDay::active).containsExactly(
                tuple(LocalDate.parse("2025-03-01"), 1L, 0L, 1L),
                tuple(LocalDate.parse("2025-03-02"), 2L, 0L, 3L),
                tuple(LocalDate.parse("2025-03-03"), 1L, 0L, 4L),
                tuple(LocalDate.parse("2025-03-04"), 0L, 1L, 3L),
                tuple(LocalDate.parse("2025-03-05"), 0L, 0L, 3L),
                tuple(LocalDate.parse("2025-03-06"), 0L, 0L, 3L),
                tuple(LocalDate.parse("2025-03-07"), 0L, 0L, 3L),
                tuple(LocalDate.parse("2025-03-08"), 0L, 0L, 3L),
                tuple(LocalDate.parse("2025-03-09"), 0L, 0L, 3L),
                tuple(LocalDate.parse("2025-03-10"), 0L, 1L, 2L),
                tuple(LocalDate.parse("2025-03-11"), 0L, 0L, 2L),
                tuple(LocalDate.parse("2025-03-12"), 0L, 0L, 2L),
                tuple(LocalDate.parse("2025-03-13"), 0L, 1L, 1L),
                tuple(LocalDate.parse("2025-03-14"), 1L, 0L, 2L),
                tuple(LocalDate.parse("2025-03-15"), 0L, 0L, 2L));
        // five joins; within 7 days only Cee (2 days) left; within 10 Ann (9) too; Dan stayed 10 whole days
        assertThat(analytics.churn()).isEqualTo(new ProgramQueries.Churn(LocalDate.parse("2025-03-01"),
                LocalDate.parse("2025-03-15"), 7, 5, 1, new BigDecimal("20.0")));
        assertThat(queries.analytics(ORG, PROGRAM, 15, 10, NOW).orElseThrow().churn().left()).isEqualTo(2);
        assertThat(queries.analytics(ORG, PROGRAM, 15, 11, NOW).orElseThrow().churn().percent())
                .isEqualByComparingTo("60.0");

        // the last five days start from the two subscribed at the end of the 10th
        Analytics recent = queries.analytics(ORG, PROGRAM, 5, 7, NOW).orElseThrow();
        assertThat(recent.days()).extracting(SubscriberDay::active).containsExactly(2L, 2L, 1L, 2L, 2L);
        assertThat(recent.churn()).isEqualTo(new ProgramQueries.Churn(LocalDate.parse("2025-03-11"),
                LocalDate.parse("2025-03-15"), 7, 1, 0, new BigDecimal("0.0")));
        assertThat(queries.analytics("another-org", PROGRAM, 5, 7, NOW)).isEmpty();
    }

    @Test
    void subscribersAreListedNewestFirstPageByPageAndAnErasedContactIsGone() {
        projector.apply(history().events());

        Page<SubscriberRow> first = queries.subscribers(ORG, PROGRAM, null, null, 2);
        assertThat(first.items()).extracting(SubscriberRow::contactId, SubscriberRow::status, SubscriberRow::source,
                SubscriberRow::itemsReceived, SubscriberRow::lastSequence).containsExactly(
                tuple(DAN, "active", SubscribedToProgram.KEYWORD, 0, 0),
                tuple(CEE, "unsubscribed", SubscribedToProgram.KEYWORD, 1, 1));
        assertThat(first.items().get(0).unsubscribedAt()).isNull();
        assertThat(first.items().get(1).unsubscribeReason()).isEqualTo(UnsubscribedFromProgram.KEYWORD);
        Page<SubscriberRow> second = queries.subscribers(ORG, PROGRAM, null, Cursor.decode(first.nextCursor()), 2);
        assertThat(second.items()).extracting(SubscriberRow::contactId, SubscriberRow::source,
                SubscriberRow::itemsReceived, SubscriberRow::lastSequence)
                .containsExactly(tuple(BEN, SubscribedToProgram.AGENT, 2, 2));
        assertThat(second.nextCursor()).isNull();
        assertThat(queries.subscribers(ORG, PROGRAM, "active", null, 10).items())
                .extracting(SubscriberRow::contactId).containsExactly(DAN, BEN);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM program_subscriptions WHERE contact_id = ?::uuid",
                Long.class, ANN)).isZero();
    }

    @Test
    void programsAreListedNewestFirstWithTheirScheduleSubscribersAndStatus() {
        projector.apply(history().events());

        assertThat(queries.programs(ORG, null, 10).items()).extracting(ProgramRow::id, ProgramRow::status,
                ProgramRow::frequency, ProgramRow::sendAt, ProgramRow::dayOfWeek, ProgramRow::subscribers,
                ProgramRow::items).containsExactly(
                tuple(WEEKLY, "archived", "weekly", "18:30", "SUNDAY", 0L, 0L),
                tuple(PROGRAM, "live", "daily", "06:00", null, 2L, 2L));
        ProgramRow program = queries.program(ORG, PROGRAM).orElseThrow();
        assertThat(program.joinKeyword()).isEqualTo("devotional");
        assertThat(program.reengageTemplate()).isEqualTo("devotional_reminder");
        assertThat(program.timeZone()).isEqualTo(NAIROBI);
        assertThat(queries.program("another-org", PROGRAM)).isEmpty();
        assertThat(queries.detail("another-org", PROGRAM)).isEmpty();
    }

    @Test
    void redeliveredEventsChangeNothingAndAReplayGivesTheSameTables() {
        History history = history();
        List<DomainEventMessage<?>> events = history.events();
        projector.apply(events);
        Map<String, String> once = Tables.checksums(jdbc, TABLES);

        // everything again but the program's creation and Ann's events: her erasure deleted what they wrote, and
        // the event store hands a processor each event once (a replay starts from empty tables)
        projector.apply(events.subList(1, events.size()).stream()
                .filter(event -> !event.getAggregateIdentifier().equals(subscription(ANN))
                        && !event.getAggregateIdentifier().equals(conversation(ANN)))
                .toList());
        assertThat(Tables.checksums(jdbc, TABLES)).isEqualTo(once);

        Tables.clear(jdbc);
        projector.apply(events);
        assertThat(Tables.checksums(jdbc, TABLES)).isEqualTo(once);
    }

    @Test
    void subscriptionsEndedWithTheProgramAreLeavesButNoChurn() {
        Instant t = at("2025-03-01T08:00:00Z");
        projector.apply(new History()
                .add(PROGRAM, new ProgramCreated(PROGRAM, ORG, "Devotional", null, ProgramSchedule.daily(
                        LocalTime.of(6, 0)), NAIROBI, "devo", ProgramCreated.FROM_BEGINNING, null, null, t), t)
                .add(subscription(BEN), joins(BEN, SubscribedToProgram.KEYWORD, false, "2025-03-02T08:00:00Z"),
                        at("2025-03-02T08:00:00Z"))
                .add(PROGRAM, new ProgramArchived(PROGRAM, ORG, at("2025-03-03T08:00:00Z")), at("2025-03-03T08:00:00Z"))
                .add(subscription(BEN), new UnsubscribedFromProgram(subscription(BEN), PROGRAM, ORG, BEN,
                        UnsubscribedFromProgram.PROGRAM_ARCHIVED, at("2025-03-02T08:00:00Z"),
                        at("2025-03-03T08:00:01Z")), at("2025-03-03T08:00:01Z"))
                .events());

        Analytics analytics = queries.analytics(ORG, PROGRAM, 3, 7, at("2025-03-03T12:00:00Z")).orElseThrow();
        assertThat(analytics.subscribers()).isZero();
        assertThat(analytics.days()).extracting(SubscriberDay::active).containsExactly(0L, 1L, 0L);
        assertThat(analytics.churn().joined()).isEqualTo(1);
        assertThat(analytics.churn().left()).isZero();
        assertThat(queries.program(ORG, PROGRAM).orElseThrow().status()).isEqualTo("archived");
    }

    @Test
    void anItemIdUsedAgainAfterItsRemovalComesBackWithItsNewContent() {
        Instant t = History.START;
        History history = new History()
                .add(PROGRAM, new ProgramCreated(PROGRAM, ORG, "Devotional", null, ProgramSchedule.daily(
                        LocalTime.of(6, 0)), NAIROBI, "devo", ProgramCreated.FROM_BEGINNING, null, null, t), t)
                .add(PROGRAM, new ContentItemAdded(PROGRAM, ORG, text("item-1", 1, "First"), t.plusSeconds(60)),
                        t.plusSeconds(60))
                .add(PROGRAM, new ContentItemRemoved(PROGRAM, ORG, "item-1", t.plusSeconds(120)), t.plusSeconds(120))
                .add(PROGRAM, new ContentItemAdded(PROGRAM, ORG, text("item-1", 3, "Third"), t.plusSeconds(180)),
                        t.plusSeconds(180));
        projector.apply(history.events());
        projector.apply(history.events().subList(1, 2)); // the first addition, redelivered

        assertThat(queries.detail(ORG, PROGRAM).orElseThrow().items()).extracting(ItemRow::body,
                ItemRow::sequenceNumber).containsExactly(tuple("Third", 3));
    }
}
