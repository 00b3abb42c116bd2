package com.chatnation.crm.application.polls;

import com.chatnation.crm.domain.conversation.PollCatalog;
import com.chatnation.crm.domain.poll.PollOption;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The conversation's view of polls, read from {@code poll_catalog}. */
@Repository
class JdbcPollCatalog implements PollCatalog {

    private static final TypeReference<List<PollOption>> OPTIONS = new TypeReference<>() {
    };

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;
    private final RowMapper<PollOnOffer> rows;

    JdbcPollCatalog(JdbcTemplate jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
        this.rows = (rs, n) -> new PollOnOffer(rs.getString("poll_id"), rs.getString("question"),
                options(rs.getString("options")), instant(rs.getTimestamp("opens_at")),
                instant(rs.getTimestamp("closes_at")), instant(rs.getTimestamp("closed_at")));
    }

    @Override
    public Optional<PollOnOffer> pollForKeyword(String organizationId, String keyword) {
        if (keyword == null || keyword.isBlank()) {
            return Optional.empty();
        }
        return jdbc.query("""
                        SELECT * FROM poll_catalog WHERE organization_id = ? AND keyword = ?
                        ORDER BY created_at DESC LIMIT 1""", rows, organizationId, keyword).stream().findFirst();
    }

    @Override
    public Optional<PollOnOffer> poll(String organizationId, String pollId) {
        return jdbc.query("SELECT * FROM poll_catalog WHERE organization_id = ? AND poll_id = ?", rows,
                organizationId, pollId).stream().findFirst();
    }

    /**
     * Why a keyword cannot be a new poll's, or null when it can: a published survey's keyword starts the survey
     * first, and a poll not yet closed keeps its keyword until it closes.
     */
    String keywordTaken(String organizationId, String keyword, Instant now) {
        Boolean survey = jdbc.queryForObject("""
                SELECT EXISTS (SELECT 1 FROM survey_catalog
                               WHERE organization_id = ? AND NOT archived AND keywords @> ARRAY[?]::text[])""",
                Boolean.class, organizationId, keyword);
        if (Boolean.TRUE.equals(survey)) {
            return "the keyword '" + keyword + "' starts a survey";
        }
        Timestamp at = Timestamp.from(now);
        Boolean poll = jdbc.queryForObject("""
                SELECT EXISTS (SELECT 1 FROM poll_catalog
                               WHERE organization_id = ? AND keyword = ? AND closed_at IS NULL
                                 AND (closes_at IS NULL OR closes_at > ?))""",
                Boolean.class, organizationId, keyword, at);
        return Boolean.TRUE.equals(poll) ? "the keyword '" + keyword + "' belongs to a poll still open" : null;
    }

    private List<PollOption> options(String value) {
        try {
            return json.readValue(value, OPTIONS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("poll_catalog.options is not a list of options", e);
        }
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
