package com.chatnation.crm.projections;

import com.chatnation.crm.projections.crm.broadcasts.BroadcastsProjection;
import com.chatnation.crm.projections.analytics.DailyRollupProjection;
import com.chatnation.crm.projections.analytics.EngagementProjection;
import com.chatnation.crm.projections.analytics.JourneyProjection;
import com.chatnation.crm.projections.analytics.PlatformActivationProjection;
import com.chatnation.crm.projections.audit.AuditLogProjection;
import com.chatnation.crm.projections.crm.contacts.ContactsProjection;
import com.chatnation.crm.projections.crm.conversations.ConversationsProjection;
import com.chatnation.crm.projections.crm.conversations.MessagesProjection;
import com.chatnation.crm.projections.crm.events.EventsProjection;
import com.chatnation.crm.projections.crm.exhibitors.ExhibitorsProjection;
import com.chatnation.crm.projections.crm.payments.PaymentsProjection;
import com.chatnation.crm.projections.crm.profiles.ContactProfilesProjection;
import com.chatnation.crm.projections.crm.surveys.SurveysProjection;
import com.chatnation.crm.projections.crm.EngagementProjections;
import com.chatnation.crm.projections.crm.hypecards.HypeCardsProjection;
import com.chatnation.crm.projections.crm.knowledge.KnowledgeProjection;
import com.chatnation.crm.projections.crm.polls.PollsProjection;
import com.chatnation.crm.projections.crm.programs.ProgramsProjection;
import com.chatnation.crm.projections.crm.templates.TemplatesProjection;
import com.chatnation.crm.projections.crm.wallets.WalletsProjection;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The read tables rebuilt from events, by the tracking processing group that owns them. {@code organizations}
 * is left out on purpose: it is written by a subscribing processor inside the command's transaction and is
 * not rebuilt by a replay. Funnel definitions ({@code crm_config.funnel_definitions}) are configuration written
 * by the dashboard API, not built from events, so they are not listed either.
 */
public final class ReadTables {

    /** Processing group name to the tables it owns. */
    public static final Map<String, List<String>> BY_GROUP = byGroup();

    /** Every replayable read table. */
    public static final List<String> ALL = BY_GROUP.values().stream().flatMap(List::stream).toList();

    private ReadTables() {
    }

    private static Map<String, List<String>> byGroup() {
        Map<String, List<String>> groups = new LinkedHashMap<>();
        groups.put(ContactsProjection.GROUP, ContactsProjection.TABLES);
        groups.put(ContactProfilesProjection.GROUP, ContactProfilesProjection.TABLES);
        groups.put(ConversationsProjection.GROUP, ConversationsProjection.TABLES);
        groups.put(MessagesProjection.GROUP, MessagesProjection.TABLES);
        groups.put(WalletsProjection.GROUP, WalletsProjection.TABLES);
        groups.put(SurveysProjection.GROUP, SurveysProjection.TABLES);
        groups.put(EventsProjection.GROUP, java.util.stream.Stream.of(EventsProjection.TABLES,
                com.chatnation.crm.projections.crm.agenda.AgendaProjection.TABLES, ExhibitorsProjection.TABLES,
                PaymentsProjection.TABLES).flatMap(List::stream).toList());
        groups.put(JourneyProjection.GROUP, JourneyProjection.TABLES);
        groups.put(DailyRollupProjection.GROUP, DailyRollupProjection.TABLES);
        groups.put(com.chatnation.crm.projections.analytics.CustomStepsProjection.GROUP,
                com.chatnation.crm.projections.analytics.CustomStepsProjection.TABLES);
        groups.put(EngagementProjection.GROUP, EngagementProjection.TABLES);
        groups.put(PlatformActivationProjection.GROUP, PlatformActivationProjection.TABLES);
        groups.put(AuditLogProjection.GROUP, AuditLogProjection.TABLES);
        groups.put(BroadcastsProjection.GROUP, BroadcastsProjection.TABLES);
        groups.put(TemplatesProjection.GROUP, TemplatesProjection.TABLES);
        groups.put(EngagementProjections.GROUP, java.util.stream.Stream.of(PollsProjection.TABLES,
                KnowledgeProjection.TABLES, HypeCardsProjection.TABLES, ProgramsProjection.TABLES)
                .flatMap(List::stream).toList());
        return Collections.unmodifiableMap(groups);
    }

    public static List<String> tablesOf(String processingGroup) {
        List<String> tables = BY_GROUP.get(processingGroup);
        if (tables == null) {
            throw new IllegalArgumentException("no read tables belong to processing group '" + processingGroup + "'");
        }
        return tables;
    }

    /**
     * An MD5 over every row of the table as JSON, in a stable order: equal checksums mean equal content, which
     * is how a replay is compared with the live table.
     */
    public static String checksum(JdbcTemplate jdbc, String table) {
        requireKnown(table);
        return jdbc.queryForObject("SELECT md5(COALESCE(string_agg(r, E'\\n' ORDER BY r), '')) FROM "
                + "(SELECT row_to_json(t)::jsonb::text AS r FROM " + table + " t) rows", String.class);
    }

    /** Empties tables before a replay, in one statement. */
    public static void truncate(JdbcTemplate jdbc, List<String> tables) {
        tables.forEach(ReadTables::requireKnown);
        if (!tables.isEmpty()) {
            jdbc.execute("TRUNCATE TABLE " + String.join(", ", tables));
        }
    }

    private static void requireKnown(String table) {
        if (!ALL.contains(table)) {
            throw new IllegalArgumentException("'" + table + "' is not a read table");
        }
    }
}
