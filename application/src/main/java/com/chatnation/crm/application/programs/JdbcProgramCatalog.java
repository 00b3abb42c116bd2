package com.chatnation.crm.application.programs;

import com.chatnation.crm.application.platform.axon.CommandCatalogs;
import com.chatnation.crm.domain.conversation.ProgramCatalog;
import com.chatnation.crm.domain.program.ContentItemAdded;
import com.chatnation.crm.domain.program.ContentItemRemoved;
import com.chatnation.crm.domain.program.ProgramArchived;
import com.chatnation.crm.domain.program.ProgramCreated;
import com.chatnation.crm.domain.program.ProgramSchedule;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import java.sql.Date;
import java.sql.Time;
import java.sql.Timestamp;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Optional;

/**
 * The conversation's and the delivery schedule's view of content programs ({@code program_catalog},
 * {@code program_item_catalog}), kept in the transactions of the programs' events (the command catalogs' subscribing
 * group): a new keyword works from the next message, a new item goes out at the next slot.
 */
@Repository
@ProcessingGroup(CommandCatalogs.GROUP)
class JdbcProgramCatalog implements ProgramCatalog {

    private final JdbcTemplate jdbc;

    JdbcProgramCatalog(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** A live program as the schedule needs it. */
    record Program(String programId, String organizationId, String name, String keyword, ProgramSchedule schedule,
                   ZoneId zone, String startFrom, String reengageTemplate, Instant createdAt) {
    }

    @EventHandler
    void on(ProgramCreated event) {
        ProgramSchedule schedule = event.schedule();
        jdbc.update("""
                        INSERT INTO program_catalog (program_id, organization_id, name, keyword, frequency, send_at,
                                                     day_of_week, time_zone, start_from, reengage_template, created_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (program_id) DO NOTHING""",
                event.programId(), event.organizationId(), event.name(), event.joinKeyword(), schedule.frequency(),
                Time.valueOf(schedule.at()), schedule.day() == null ? null : schedule.day().name(), event.timeZone(),
                event.startFrom(), event.reengageTemplate(), Timestamp.from(event.createdAt()));
    }

    @EventHandler
    void on(ProgramArchived event) {
        jdbc.update("UPDATE program_catalog SET archived = TRUE WHERE program_id = ?", event.programId());
    }

    @EventHandler
    void on(ContentItemAdded event) {
        var item = event.item();
        jdbc.update("""
                        INSERT INTO program_item_catalog (program_id, item_id, content_type, body, media_key, poll_id,
                                                          sequence_number, scheduled_on)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (program_id, item_id) DO NOTHING""",
                event.programId(), item.itemId(), item.contentType(), item.body(), item.mediaKey(), item.pollId(),
                item.sequenceNumber(), item.scheduledOn() == null ? null : Date.valueOf(item.scheduledOn()));
    }

    @EventHandler
    void on(ContentItemRemoved event) {
        jdbc.update("DELETE FROM program_item_catalog WHERE program_id = ? AND item_id = ?", event.programId(),
                event.itemId());
    }

    @Override
    public Optional<ProgramOnOffer> programForKeyword(String organizationId, String keyword) {
        if (keyword == null || keyword.isBlank()) {
            return Optional.empty();
        }
        return jdbc.query("""
                        SELECT * FROM program_catalog WHERE organization_id = ? AND keyword = ? AND NOT archived
                        ORDER BY created_at DESC LIMIT 1""", (rs, n) -> program(rs), organizationId, keyword)
                .stream().findFirst()
                .map(p -> new ProgramOnOffer(p.programId(), p.name(), p.keyword(), when(p.schedule())));
    }

    Optional<Program> program(String programId) {
        return jdbc.query("SELECT * FROM program_catalog WHERE program_id = ? AND NOT archived",
                (rs, n) -> program(rs), programId).stream().findFirst();
    }

    java.util.List<Program> livePrograms() {
        return jdbc.query("SELECT * FROM program_catalog WHERE NOT archived ORDER BY program_id",
                (rs, n) -> program(rs));
    }

    /** Whether a live program of the organization has this join keyword. */
    boolean keywordTaken(String organizationId, String keyword) {
        return Boolean.TRUE.equals(jdbc.queryForObject("""
                        SELECT EXISTS (SELECT 1 FROM program_catalog WHERE organization_id = ? AND keyword = ?
                                       AND NOT archived)""", Boolean.class, organizationId, keyword));
    }

    private static Program program(java.sql.ResultSet rs) throws java.sql.SQLException {
        String day = rs.getString("day_of_week");
        ProgramSchedule schedule = new ProgramSchedule(rs.getString("frequency"), rs.getTime("send_at").toLocalTime(),
                day == null ? null : DayOfWeek.valueOf(day));
        return new Program(rs.getString("program_id"), rs.getString("organization_id"), rs.getString("name"),
                rs.getString("keyword"), schedule, ZoneId.of(rs.getString("time_zone")), rs.getString("start_from"),
                rs.getString("reengage_template"), rs.getTimestamp("created_at").toInstant());
    }

    /** The schedule in words, for the contact: "every day at 06:00", "every Sunday at 18:30". */
    static String when(ProgramSchedule schedule) {
        String time = schedule.at().toString();
        if (ProgramSchedule.WEEKLY.equals(schedule.frequency())) {
            String day = schedule.day().name().charAt(0) + schedule.day().name().substring(1).toLowerCase(Locale.ROOT);
            return "every " + day + " at " + time;
        }
        return "every day at " + time;
    }
}
