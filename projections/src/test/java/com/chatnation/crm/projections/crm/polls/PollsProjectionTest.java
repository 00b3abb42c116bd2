package com.chatnation.crm.projections.crm.polls;

import com.chatnation.crm.domain.poll.PollClosed;
import com.chatnation.crm.domain.poll.PollCreated;
import com.chatnation.crm.domain.poll.PollOption;
import com.chatnation.crm.domain.poll.VoteCast;
import com.chatnation.crm.domain.poll.VoteChanged;
import com.chatnation.crm.projections.TestContacts;
import com.chatnation.crm.projections.queries.PollQueries;
import com.chatnation.crm.projections.queries.PollQueries.OptionResult;
import com.chatnation.crm.projections.queries.PollQueries.PollResults;
import com.chatnation.crm.projections.support.History;
import com.chatnation.crm.projections.support.Projector;
import com.chatnation.crm.projections.support.Tables;
import com.chatnation.crm.projections.support.TestDatabase;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Polls and votes as the read tables keep them, and the results counted from them. */
class PollsProjectionTest {

    private static final String ORG = "org-polls";
    private static final String POLL = "poll-1";
    private static final List<String> TABLES = PollsProjection.TABLES;
    private static final Instant T0 = History.START;
    private static final String ANN = TestContacts.id("+254712000001");
    private static final String BEN = TestContacts.id("+254712000002");
    private static final String CEE = TestContacts.id("+254712000003");

    private final JdbcTemplate jdbc = TestDatabase.jdbc();
    private final ObjectMapper json = Tables.objectMapper();
    private final PollQueries queries = new PollQueries(new NamedParameterJdbcTemplate(jdbc), json);
    private Projector projector;

    @BeforeEach
    void setUp() {
        Tables.clear(jdbc);
        projector = new Projector(new PollsProjection(jdbc, json));
    }

    /** Ann votes AI then changes to Security, Ben votes AI, Cee votes Cloud, then the poll is closed by staff. */
    private static History history() {
        return new History()
                .add(POLL, new PollCreated(POLL, ORG, "Next topic?", List.of(new PollOption("1", "AI"),
                        new PollOption("2", "Cloud"), new PollOption("3", "Security")), T0, T0.plusSeconds(3600),
                        true, "vote", "session-7", T0), T0)
                .add(POLL, new VoteCast(POLL, ORG, ANN, "1", T0.plusSeconds(10)), T0.plusSeconds(10))
                .add(POLL, new VoteCast(POLL, ORG, BEN, "1", T0.plusSeconds(20)), T0.plusSeconds(20))
                .add(POLL, new VoteChanged(POLL, ORG, ANN, "1", "3", T0.plusSeconds(30)), T0.plusSeconds(30))
                .add(POLL, new VoteCast(POLL, ORG, CEE, "2", T0.plusSeconds(40)), T0.plusSeconds(40))
                .add(POLL, new PollClosed(POLL, ORG, T0.plusSeconds(50), PollClosed.BY_STAFF), T0.plusSeconds(50));
    }

    @Test
    void resultsCountEachContactsCurrentVoteOnce() {
        projector.apply(history().events());

        PollResults results = queries.results(ORG, POLL).orElseThrow();
        assertThat(results.votes()).isEqualTo(3);
        assertThat(results.changes()).isEqualTo(1);
        assertThat(results.options()).containsExactly(
                new OptionResult("1", "AI", 1, new BigDecimal("33.3")),
                new OptionResult("2", "Cloud", 1, new BigDecimal("33.3")),
                new OptionResult("3", "Security", 1, new BigDecimal("33.3")));
        assertThat(results.poll().status()).isEqualTo("closed");
        assertThat(results.poll().closeReason()).isEqualTo("closed");
        assertThat(results.poll().eventSessionId()).isEqualTo("session-7");
        assertThat(queries.results("another-org", POLL)).isEmpty();
    }

    @Test
    void anOptionNobodyChoseIsListedWithNoVotesAndAPollWithoutVotesShowsZeroPercent() {
        projector.apply(history().events().subList(0, 1));

        PollResults results = queries.results(ORG, POLL).orElseThrow();
        assertThat(results.votes()).isZero();
        assertThat(results.options()).extracting(OptionResult::percent)
                .containsOnly(new BigDecimal("0.0"));
        // nobody closed it, but its closing time (an hour after the start of the history) has passed
        assertThat(results.poll().closedAt()).isNull();
        assertThat(results.poll().status()).isEqualTo("closed");
    }

    @Test
    void aRedeliveredChangeOrVoteChangesNothingAndAReplayGivesTheSameTables() {
        History history = history();
        projector.apply(history.events());
        Map<String, String> once = Tables.checksums(jdbc, TABLES);

        projector.apply(history.events().subList(1, 4)); // redelivered: votes and the change again
        assertThat(Tables.checksums(jdbc, TABLES)).isEqualTo(once);
        assertThat(jdbc.queryForObject("SELECT changes FROM poll_votes WHERE contact_id = ?::uuid", Integer.class, ANN))
                .isEqualTo(1);

        Tables.clear(jdbc);
        projector.apply(history.events());
        assertThat(Tables.checksums(jdbc, TABLES)).isEqualTo(once);
    }

    @Test
    void pollsAreListedNewestFirstWithTheirStatus() {
        projector.apply(history().events());
        Instant later = Instant.now().plusSeconds(3600);
        projector.apply(new History().add("poll-2", new PollCreated("poll-2", ORG, "Later?", List.of(
                new PollOption("1", "Yes"), new PollOption("2", "No")), later, null, false, null, null,
                T0.plusSeconds(60)), T0.plusSeconds(60)).events());

        assertThat(queries.polls(ORG, null, 10).items())
                .extracting(PollQueries.PollRow::id, PollQueries.PollRow::status)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("poll-2", "scheduled"),
                        org.assertj.core.groups.Tuple.tuple(POLL, "closed"));
    }
}
