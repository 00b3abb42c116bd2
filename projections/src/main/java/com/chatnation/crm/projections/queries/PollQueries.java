package com.chatnation.crm.projections.queries;

import com.chatnation.crm.domain.poll.PollOption;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static com.chatnation.crm.projections.queries.Rows.instant;

/** Reads an organization's polls ({@code polls}) and counts their results from {@code poll_votes}. */
@Repository
public class PollQueries {

    /** {@code status}: {@code scheduled} before it opens, {@code open}, {@code closed}, as of the query. */
    public record PollRow(String id, String question, List<PollOption> options, String keyword, String eventSessionId,
                          boolean votesChangeable, Instant opensAt, Instant closesAt, Instant closedAt,
                          String closeReason, Instant createdAt, String status) {
        Cursor cursor() {
            return Cursor.of(createdAt, id);
        }
    }

    /** Each option's votes and share of all votes in percent (one decimal; 0 when nobody voted). */
    public record OptionResult(String optionId, String label, long votes, BigDecimal percent) {
    }

    public record PollResults(PollRow poll, long votes, long changes, List<OptionResult> options) {
    }

    private static final TypeReference<List<PollOption>> OPTIONS = new TypeReference<>() {
    };

    private final NamedParameterJdbcTemplate jdbc;
    private final ObjectMapper mapper;
    private final RowMapper<PollRow> rows;

    public PollQueries(NamedParameterJdbcTemplate jdbc, ObjectMapper mapper) {
        this.jdbc = jdbc;
        this.mapper = mapper;
        this.rows = (rs, n) -> {
            Instant opensAt = instant(rs, "opens_at");
            Instant closesAt = instant(rs, "closes_at");
            Instant closedAt = instant(rs, "closed_at");
            return new PollRow(rs.getString("id"), rs.getString("question"), options(rs.getString("options")),
                    rs.getString("keyword"), rs.getString("event_session_id"), rs.getBoolean("votes_changeable"),
                    opensAt, closesAt, closedAt, rs.getString("close_reason"), instant(rs, "created_at"),
                    status(opensAt, closesAt, closedAt, Instant.now()));
        };
    }

    /** Polls newest first ({@code polls_organization_created}). */
    public Page<PollRow> polls(String organizationId, Cursor after, int limit) {
        MapSqlParameterSource params = new MapSqlParameterSource("org", organizationId).addValue("limit", limit + 1);
        String where = " WHERE organization_id = :org";
        if (after != null) {
            where += " AND (created_at, id) < (:afterAt, :afterId)";
            params.addValue("afterAt", after.at()).addValue("afterId", after.key());
        }
        List<PollRow> found = jdbc.query("SELECT * FROM polls" + where + " ORDER BY created_at DESC, id DESC "
                + "LIMIT :limit", params, rows);
        return Page.of(found, limit, PollRow::cursor);
    }

    public Optional<PollRow> poll(String organizationId, String pollId) {
        return jdbc.query("SELECT * FROM polls WHERE organization_id = :org AND id = :id",
                new MapSqlParameterSource("org", organizationId).addValue("id", pollId), rows).stream().findFirst();
    }

    /** The poll with its results, every option listed, those nobody voted for with 0. */
    public Optional<PollResults> results(String organizationId, String pollId) {
        return poll(organizationId, pollId).map(poll -> {
            Map<String, Long> counts = new HashMap<>();
            long[] changes = {0};
            jdbc.query("""
                            SELECT option_id, count(*) AS votes, sum(changes) AS changes FROM poll_votes
                            WHERE poll_id = :id GROUP BY option_id""",
                    new MapSqlParameterSource("id", pollId), rs -> {
                        counts.put(rs.getString("option_id"), rs.getLong("votes"));
                        changes[0] += rs.getLong("changes");
                    });
            long total = counts.values().stream().mapToLong(Long::longValue).sum();
            List<OptionResult> options = poll.options().stream()
                    .map(option -> {
                        long votes = counts.getOrDefault(option.optionId(), 0L);
                        BigDecimal percent = total == 0 ? BigDecimal.ZERO.setScale(1)
                                : BigDecimal.valueOf(votes * 100).divide(BigDecimal.valueOf(total), 1,
                                RoundingMode.HALF_UP);
                        return new OptionResult(option.optionId(), option.label(), votes, percent);
                    })
                    .toList();
            return new PollResults(poll, total, changes[0], options);
        });
    }

    static String status(Instant opensAt, Instant closesAt, Instant closedAt, Instant now) {
        if (closedAt != null && !now.isBefore(closedAt) || closesAt != null && !now.isBefore(closesAt)) {
            return "closed";
        }
        return now.isBefore(opensAt) ? "scheduled" : "open";
    }

    private List<PollOption> options(String json) {
        try {
            return json == null ? List.of() : mapper.readValue(json, OPTIONS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("polls.options is not a list of options", e);
        }
    }
}
