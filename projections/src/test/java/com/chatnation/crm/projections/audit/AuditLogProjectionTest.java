package com.chatnation.crm.projections.audit;

import com.chatnation.crm.domain.wallet.LowBalanceThresholdChanged;
import com.chatnation.crm.domain.wallet.TokensPurchased;
import com.chatnation.crm.projections.ReadTables;
import com.chatnation.crm.projections.support.Projector;
import com.chatnation.crm.projections.support.Tables;
import com.chatnation.crm.projections.support.TestDatabase;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.List;
import java.util.Map;

import static com.chatnation.crm.projections.audit.AuditHistory.actor;
import static com.chatnation.crm.projections.audit.AuditHistory.user;
import static org.assertj.core.api.Assertions.assertThat;

class AuditLogProjectionTest {

    private static final String ORG = "org-1";
    private static final String WALLET = "wallet-org-1";

    /** An administrative event carrying what must never reach the audit log, and one amount that must. */
    record CredentialsChanged(String apiKeyHash, String invitationTokenHash, String keyHash, String password,
                              String token, long tokens) {
    }

    record Grant(String name, String accessToken, String refreshToken, String clientSecret, int tokens) {
    }

    record GrantsReplaced(String organizationId, List<Grant> grants, Grant primary, String newPassword) {
    }

    /** The bot's own work, set off by a simulated message: its events carry the actor, yet are not audited. */
    record BotWork(String organizationId, String text) {
    }

    private final JdbcTemplate jdbc = TestDatabase.jdbc();
    private final ObjectMapper json = Tables.objectMapper();
    private Projector projector;

    @BeforeEach
    void setUp() {
        Tables.clear(jdbc);
        projector = new Projector(new AuditLogProjection(jdbc, json));
    }

    @Test
    void writesARowOnlyForEventsWhoseCommandNamedAnActor() {
        AuditHistory history = new AuditHistory()
                .add("Wallet", WALLET, new TokensPurchased(WALLET, ORG, "pay-1", 500, 500), user("user-1", ORG))
                .add("Wallet", WALLET, new TokensPurchased(WALLET, ORG, "pay-2", 100, 600), Map.of())
                .add("Wallet", WALLET, new LowBalanceThresholdChanged(WALLET, ORG, 50),
                        Map.of(AuditMetaData.ACTOR_TYPE, AuditMetaData.USER))
                .add("Wallet", WALLET, new LowBalanceThresholdChanged(WALLET, ORG, 60),
                        Map.of(AuditMetaData.ACTOR_ID, "user-1", "traceId", "t"));

        projector.apply(history.events());

        Map<String, Object> row = jdbc.queryForMap("SELECT * FROM audit_log");
        assertThat(row).containsEntry("event_id", history.get(0).getIdentifier())
                .containsEntry("organization_id", ORG).containsEntry("actor_type", "user")
                .containsEntry("actor_id", "user-1").containsEntry("actor_address", "203.0.113.7")
                .containsEntry("action", "TokensPurchased").containsEntry("resource_type", "Wallet")
                .containsEntry("resource_id", WALLET);
        assertThat(jdbc.queryForObject("SELECT occurred_at = ?::timestamptz FROM audit_log", Boolean.class,
                history.get(0).getTimestamp().toString())).isTrue();
        assertThat(details(history.get(0).getIdentifier()).path("paymentReference").asText()).isEqualTo("pay-1");
    }

    @Test
    void leavesConversationsAndSurveyResponsesOut() {
        AuditHistory history = new AuditHistory()
                .add("Conversation", "conversation-1", new BotWork(ORG, "hi"), user("user-1", ORG))
                .add("SurveyResponse", "response-1", new BotWork(ORG, "5"), user("user-1", ORG))
                .add("Survey", "survey-1", new BotWork(ORG, "published"), user("user-1", ORG));

        projector.apply(history.events());

        assertThat(jdbc.queryForList("SELECT resource_type FROM audit_log", String.class)).containsExactly("Survey");
    }

    @Test
    void stripsHashesPasswordsSecretsAndTokensButKeepsTokenAmounts() {
        AuditHistory history = new AuditHistory()
                .add("Team", "team-1", new CredentialsChanged("a", "b", "c", "d", "e", 42), user("user-1", ORG))
                .add("Team", "team-1", new GrantsReplaced(ORG,
                                List.of(new Grant("one", "at-1", "rt-1", "s-1", 1), new Grant("two", "at-2", "rt-2", "s-2", 2)),
                                new Grant("main", "at-3", "rt-3", "s-3", 3), "hunter2"),
                        actor(AuditMetaData.API_KEY, "key-1"));

        projector.apply(history.events());

        JsonNode credentials = details(history.get(0).getIdentifier());
        assertThat(credentials.fieldNames()).toIterable().containsExactly("tokens");
        assertThat(credentials.path("tokens").asLong()).isEqualTo(42);

        JsonNode grants = details(history.get(1).getIdentifier());
        assertThat(grants.fieldNames()).toIterable().containsExactlyInAnyOrder("organizationId", "grants", "primary");
        for (JsonNode grant : List.of(grants.path("grants").get(0), grants.path("grants").get(1), grants.path("primary"))) {
            assertThat(grant.fieldNames()).toIterable().containsExactlyInAnyOrder("name", "tokens");
        }
        assertThat(jdbc.queryForObject("SELECT count(*) FROM audit_log WHERE details::text ~ '(at|rt|s)-[0-9]|hunter2'",
                Integer.class)).isZero();
    }

    @Test
    void secretNamesAreRecognisedWhateverTheirCase() {
        assertThat(List.of("apiKeyHash", "hash", "passwordHash", "token", "accessToken", "refreshToken", "password",
                "newPassword", "appSecret", "secret", "clientSecretRef"))
                .allMatch(AuditLogProjection::isSecret);
        assertThat(List.of("tokens", "tokensCharged", "tokenPrice", "organizationId", "lowBalanceThreshold",
                "keyId", "name"))
                .noneMatch(AuditLogProjection::isSecret);
    }

    @Test
    void takesTheOrganizationFromMetadataElseFromThePayloadElseSkips() {
        AuditHistory history = new AuditHistory()
                // metadata names the organization: it wins over the payload's
                .add("Wallet", WALLET, new TokensPurchased(WALLET, ORG, "pay-1", 500, 500), user("user-1", "org-meta"))
                // no organization in the metadata: the payload's organizationId
                .add("Wallet", WALLET, new TokensPurchased(WALLET, ORG, "pay-2", 10, 510),
                        actor(AuditMetaData.PLATFORM, AuditMetaData.PLATFORM))
                // neither: no organization's log can show it
                .add("Team", "team-1", new CredentialsChanged("a", "b", "c", "d", "e", 1),
                        actor(AuditMetaData.PLATFORM, AuditMetaData.PLATFORM));

        projector.apply(history.events());

        assertThat(jdbc.queryForList("SELECT organization_id, actor_type, actor_address FROM audit_log ORDER BY occurred_at"))
                .containsExactly(
                        Map.of("organization_id", "org-meta", "actor_type", "user", "actor_address", "203.0.113.7"),
                        row("organization_id", ORG, "actor_type", "platform", "actor_address", null));
    }

    @Test
    void applyingTheHistoryTwiceChangesNothing() {
        AuditHistory history = new AuditHistory()
                .add("Wallet", WALLET, new TokensPurchased(WALLET, ORG, "pay-1", 500, 500), user("user-1", ORG))
                .add("Team", "team-1", new CredentialsChanged("a", "b", "c", "d", "e", 1), user("user-2", ORG))
                .add("Wallet", WALLET, new LowBalanceThresholdChanged(WALLET, ORG, 50), user("user-1", ORG));
        projector.apply(history.events());
        Map<String, List<String>> once = Tables.snapshot(jdbc, AuditLogProjection.TABLES);

        projector.apply(history.events());
        projector.apply(history.get(1));

        assertThat(Tables.snapshot(jdbc, AuditLogProjection.TABLES)).isEqualTo(once);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM audit_log", Integer.class)).isEqualTo(3);
    }

    @Test
    void isARebuildableReadModel() {
        assertThat(ReadTables.tablesOf(AuditLogProjection.GROUP)).containsExactly("audit_log");
        assertThat(ReadTables.BY_GROUP).containsKey("crm-audit");
    }

    private JsonNode details(String eventId) {
        try {
            return json.readTree(jdbc.queryForObject("SELECT details::text FROM audit_log WHERE event_id = ?",
                    String.class, eventId));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, Object> row(Object... keysAndValues) {
        Map<String, Object> row = new java.util.HashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            row.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return row;
    }
}
