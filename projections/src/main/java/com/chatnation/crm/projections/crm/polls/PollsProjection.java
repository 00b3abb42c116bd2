package com.chatnation.crm.projections.crm.polls;

import com.chatnation.crm.domain.poll.PollClosed;
import com.chatnation.crm.domain.poll.PollCreated;
import com.chatnation.crm.domain.poll.VoteCast;
import com.chatnation.crm.domain.poll.VoteChanged;
import com.chatnation.crm.projections.crm.contacts.ContactIds;
import com.chatnation.crm.projections.crm.EngagementProjections;
import com.chatnation.crm.projections.jdbc.ReadModelJdbc;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.List;

import static com.chatnation.crm.projections.crm.ReadModelSupport.json;
import static com.chatnation.crm.projections.crm.ReadModelSupport.utc;

/**
 * Maintains {@code polls} and {@code poll_votes}: a row per poll, and a row per contact and poll holding the option
 * their vote counts for. Results are counted from the votes, so a vote changed twice still counts once. Votes name
 * the contact by the directory's opaque id only.
 */
@Component
@ProcessingGroup(PollsProjection.GROUP)
public class PollsProjection {

    public static final String GROUP = EngagementProjections.GROUP;
    public static final List<String> TABLES = List.of("polls", "poll_votes");

    private final JdbcTemplate jdbc;
    private final ObjectMapper mapper;

    public PollsProjection(@ReadModelJdbc JdbcTemplate jdbc, ObjectMapper mapper) {
        this.jdbc = jdbc;
        this.mapper = mapper;
    }

    @EventHandler
    void on(PollCreated event) {
        jdbc.update("""
                        INSERT INTO polls (id, organization_id, question, options, keyword, event_session_id,
                                           votes_changeable, opens_at, closes_at, created_at)
                        VALUES (?, ?, ?, ?::jsonb, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING""",
                event.pollId(), event.organizationId(), event.question(), json(mapper, List.class, event.options()),
                event.keyword(), event.eventSessionId(), event.votesChangeable(), utc(event.opensAt()),
                utc(event.closesAt()), utc(event.createdAt()));
    }

    @EventHandler
    void on(VoteCast event, @SequenceNumber long sequence) {
        jdbc.update("""
                        INSERT INTO poll_votes (poll_id, contact_id, organization_id, option_id, voted_at, last_sequence)
                        VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (poll_id, contact_id) DO NOTHING""",
                event.pollId(), ContactIds.of(event.contactId()), event.organizationId(), event.optionId(),
                utc(event.at()), sequence);
    }

    @EventHandler
    void on(VoteChanged event, @SequenceNumber long sequence) {
        jdbc.update("""
                        UPDATE poll_votes SET option_id = ?, changed_at = ?, changes = changes + 1, last_sequence = ?
                        WHERE poll_id = ? AND contact_id = ? AND last_sequence < ?""",
                event.optionId(), utc(event.at()), sequence, event.pollId(), ContactIds.of(event.contactId()),
                sequence);
    }

    @EventHandler
    void on(PollClosed event) {
        jdbc.update("UPDATE polls SET closed_at = ?, close_reason = ? WHERE id = ? AND closed_at IS NULL",
                utc(event.at()), event.reason(), event.pollId());
    }
}
