package com.chatnation.crm.application.polls;

import com.chatnation.crm.application.platform.axon.CommandCatalogs;
import com.chatnation.crm.domain.poll.PollClosed;
import com.chatnation.crm.domain.poll.PollCreated;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Instant;

/** Keeps {@code poll_catalog} in step with polls, inside the commands' transactions. */
@Component
@ProcessingGroup(CommandCatalogs.GROUP)
class PollCatalogProjection {

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;

    PollCatalogProjection(JdbcTemplate jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    @EventHandler
    void on(PollCreated event) throws JsonProcessingException {
        jdbc.update("""
                        INSERT INTO poll_catalog (poll_id, organization_id, question, options, keyword, opens_at,
                                                  closes_at, created_at)
                        VALUES (?, ?, ?, ?::jsonb, ?, ?, ?, ?) ON CONFLICT (poll_id) DO NOTHING""",
                event.pollId(), event.organizationId(), event.question(), json.writeValueAsString(event.options()),
                event.keyword(), timestamp(event.opensAt()), timestamp(event.closesAt()),
                timestamp(event.createdAt()));
    }

    @EventHandler
    void on(PollClosed event) {
        jdbc.update("UPDATE poll_catalog SET closed_at = ? WHERE poll_id = ? AND closed_at IS NULL",
                timestamp(event.at()), event.pollId());
    }

    private static Timestamp timestamp(Instant at) {
        return at == null ? null : Timestamp.from(at);
    }
}
