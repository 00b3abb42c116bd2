package com.chatnation.crm.projections.audit;

import com.chatnation.crm.domain.wallet.LowBalanceThresholdChanged;
import com.chatnation.crm.domain.wallet.TokensPurchased;
import com.chatnation.crm.projections.audit.AuditLogQueries.AuditEntry;
import com.chatnation.crm.projections.audit.AuditLogQueries.AuditFilter;
import com.chatnation.crm.projections.queries.Cursor;
import com.chatnation.crm.projections.queries.Page;
import com.chatnation.crm.projections.support.Projector;
import com.chatnation.crm.projections.support.Tables;
import com.chatnation.crm.projections.support.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import static com.chatnation.crm.projections.audit.AuditHistory.actor;
import static com.chatnation.crm.projections.audit.AuditHistory.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AuditLogQueriesTest {

    private static final String ORG = "org-1";
    private static final String OTHER = "org-2";
    private static final String WALLET = "wallet-org-1";

    record SurveyPublished(String organizationId, String surveyId) {
    }

    private final JdbcTemplate jdbc = TestDatabase.jdbc();
    private final AuditLogQueries queries = new AuditLogQueries(new NamedParameterJdbcTemplate(jdbc), Tables.objectMapper());
    private AuditHistory history;

    @BeforeEach
    void setUp() {
        Tables.clear(jdbc);
        Instant tie = AuditHistory.START.plusSeconds(3600);
        history = new AuditHistory()
                .add("Wallet", WALLET, new TokensPurchased(WALLET, ORG, "pay-1", 500, 500), user("user-1", ORG)) // 0
                .add("Survey", "survey-1", new SurveyPublished(ORG, "survey-1"), user("user-2", ORG))             // 1
                .add("Wallet", WALLET, new LowBalanceThresholdChanged(WALLET, ORG, 50),
                        actor(AuditMetaData.API_KEY, "key-1"))                                                    // 2
                .add("Survey", "survey-2", new SurveyPublished(OTHER, "survey-2"), user("user-9", OTHER))         // 3
                // four acts in the same microsecond: only the event id orders them
                .add("Survey", "survey-3", new SurveyPublished(ORG, "survey-3"), user("user-1", ORG), tie)      // 4
                .add("Survey", "survey-4", new SurveyPublished(ORG, "survey-4"), user("user-2", ORG), tie)      // 5
                .add("Survey", "survey-5", new SurveyPublished(ORG, "survey-5"), user("user-1", ORG), tie)      // 6
                .add("Wallet", WALLET, new TokensPurchased(WALLET, ORG, "pay-2", 10, 510),
                        actor(AuditMetaData.PLATFORM, AuditMetaData.PLATFORM), tie)                               // 7
                .add("Survey", "survey-1", new SurveyPublished(ORG, "survey-1"), user("user-2", ORG),
                        tie.plusSeconds(60));                                                                     // 8
        new Projector(new AuditLogProjection(jdbc, Tables.objectMapper())).apply(history.events());
    }

    @Test
    void listsAnOrganizationsEntriesNewestFirstWithTheEventIdBreakingTies() {
        Page<AuditEntry> page = queries.entries(ORG, AuditFilter.none(), 50, null);

        List<String> expected = new ArrayList<>(List.of(id(4), id(5), id(6), id(7)));
        expected.sort(Comparator.reverseOrder());
        expected.add(0, id(8));
        expected.addAll(List.of(id(2), id(1), id(0)));
        assertThat(page.items()).extracting(AuditEntry::eventId).containsExactlyElementsOf(expected);
        assertThat(page.nextCursor()).isNull();

        AuditEntry first = page.items().get(0);
        assertThat(first.occurredAt()).isEqualTo(history.get(8).getTimestamp());
        assertThat(first).extracting(AuditEntry::actorType, AuditEntry::actorId, AuditEntry::actorAddress,
                        AuditEntry::action, AuditEntry::resourceType, AuditEntry::resourceId)
                .containsExactly("user", "user-2", "203.0.113.7", "SurveyPublished", "Survey", "survey-1");
        assertThat(first.details().path("surveyId").asText()).isEqualTo("survey-1");
    }

    @Test
    void keysetPagesAreStableAndCoverEveryEntryOnce() {
        List<String> all = queries.entries(ORG, AuditFilter.none(), 50, null).items().stream()
                .map(AuditEntry::eventId).toList();

        List<String> paged = new ArrayList<>();
        Cursor after = null;
        int pages = 0;
        do {
            Page<AuditEntry> page = queries.entries(ORG, AuditFilter.none(), 2, after);
            assertThat(page.items()).hasSizeLessThanOrEqualTo(2);
            page.items().forEach(entry -> paged.add(entry.eventId()));
            after = page.nextCursor() == null ? null : Cursor.decode(page.nextCursor());
            pages++;
        } while (after != null);

        assertThat(paged).containsExactlyElementsOf(all).doesNotHaveDuplicates().hasSize(8);
        assertThat(pages).isEqualTo(4);
    }

    @Test
    void filtersByActorActionResourceAndTime() {
        assertThat(ids(new AuditFilter("user-1", null, null, null, null, null, null)))
                .containsExactlyInAnyOrder(id(0), id(4), id(6));
        assertThat(ids(new AuditFilter(null, AuditMetaData.API_KEY, null, null, null, null, null)))
                .containsExactly(id(2));
        assertThat(ids(new AuditFilter(null, AuditMetaData.PLATFORM, null, null, null, null, null)))
                .containsExactly(id(7));
        assertThat(ids(new AuditFilter(null, null, "TokensPurchased", null, null, null, null)))
                .containsExactly(id(7), id(0));
        assertThat(ids(new AuditFilter(null, null, null, "Wallet", null, null, null)))
                .containsExactly(id(7), id(2), id(0));
        assertThat(ids(new AuditFilter(null, null, null, "Survey", "survey-1", null, null)))
                .containsExactly(id(8), id(1));
        assertThat(ids(new AuditFilter("user-2", "user", "SurveyPublished", "Survey", "survey-1", null, null)))
                .containsExactly(id(8), id(1));

        Instant tie = history.get(4).getTimestamp();
        assertThat(ids(new AuditFilter(null, null, null, null, null, tie, tie.plusSeconds(1))))
                .containsExactlyInAnyOrder(id(4), id(5), id(6), id(7));
        assertThat(ids(new AuditFilter(null, null, null, null, null, null, history.get(1).getTimestamp())))
                .containsExactly(id(0));
        assertThat(ids(new AuditFilter(null, null, null, null, null, history.get(8).getTimestamp(), null)))
                .containsExactly(id(8));
    }

    @Test
    void neverShowsAnotherOrganizationsEntries() {
        assertThat(ids(new AuditFilter("user-9", null, null, null, null, null, null))).isEmpty();
        assertThat(queries.entries(OTHER, AuditFilter.none(), 50, null).items()).extracting(AuditEntry::eventId)
                .containsExactly(id(3));
    }

    @Test
    void refusesAnUnknownActorType() {
        assertThatThrownBy(() -> new AuditFilter(null, "robot", null, null, null, null, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("robot");
    }

    private List<String> ids(AuditFilter filter) {
        return queries.entries(ORG, filter, 50, null).items().stream().map(AuditEntry::eventId).toList();
    }

    private String id(int index) {
        return history.get(index).getIdentifier();
    }

    @Test
    void theActionsInAnOrganizationsLogAreListedOnceEachInOrder() {
        assertThat(queries.actions(ORG, 200))
                .containsExactly("LowBalanceThresholdChanged", "SurveyPublished", "TokensPurchased");
        assertThat(queries.actions(ORG, 1)).containsExactly("LowBalanceThresholdChanged");
        assertThat(queries.actions(OTHER, 200)).containsExactly("SurveyPublished");
        assertThat(queries.actions("org-3", 200)).isEmpty();
    }
}
