package com.chatnation.crm.projections.staff;

import com.chatnation.crm.domain.organization.OrganizationOnboarded;
import com.chatnation.crm.domain.organization.PriceList;
import com.chatnation.crm.domain.staff.ApiKeyIssued;
import com.chatnation.crm.domain.staff.ApiKeyRevoked;
import com.chatnation.crm.domain.staff.ApiKeyRotated;
import com.chatnation.crm.domain.staff.InvitationReissued;
import com.chatnation.crm.domain.staff.RolesChanged;
import com.chatnation.crm.domain.staff.StaffDeactivated;
import com.chatnation.crm.domain.staff.StaffInvited;
import com.chatnation.crm.domain.staff.StaffJoined;
import com.chatnation.crm.domain.staff.StaffPasswordChanged;
import com.chatnation.crm.domain.staff.StaffRole;
import com.chatnation.crm.domain.staff.TeamFormed;
import com.chatnation.crm.domain.staff.TeamId;
import com.chatnation.crm.projections.organizations.OrganizationDirectoryProjection;
import com.chatnation.crm.projections.support.History;
import com.chatnation.crm.projections.support.Projector;
import com.chatnation.crm.projections.support.Tables;
import com.chatnation.crm.projections.support.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Duration;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static com.chatnation.crm.domain.staff.ApiKeyScope.READ;
import static com.chatnation.crm.domain.staff.ApiKeyScope.WRITE;
import static com.chatnation.crm.domain.staff.StaffRole.ADMIN;
import static com.chatnation.crm.domain.staff.StaffRole.BILLING;
import static com.chatnation.crm.domain.staff.StaffRole.EDITOR;
import static com.chatnation.crm.domain.staff.StaffRole.OWNER;
import static com.chatnation.crm.domain.staff.StaffRole.VIEWER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

class StaffDirectoryProjectionTest {

    private static final String ORG = "org-1";
    private static final String TEAM = TeamId.forOrganization(ORG);
    private static final String OTHER_ORG = "org-2";
    private static final String OTHER_TEAM = TeamId.forOrganization(OTHER_ORG);
    private static final Instant INVITED_AT = History.START;
    private static final Instant EXPIRES_AT = INVITED_AT.plus(Duration.ofDays(7));

    private final JdbcTemplate jdbc = TestDatabase.jdbc();
    private final StaffDirectory directory = new StaffDirectory(jdbc);
    private Projector projector;

    @BeforeEach
    void setUp() {
        jdbc.execute("TRUNCATE TABLE user_roles, staff_invitations, api_keys, teams, users, organizations");
        projector = new Projector(new StaffDirectoryProjection(jdbc),
                new OrganizationDirectoryProjection(jdbc, Tables.objectMapper()));
    }

    private static StaffInvited invited(String team, String org, String userId, String email, String phone,
                                        Set<StaffRole> roles, String tokenHash) {
        return new StaffInvited(team, org, userId, email, phone, null, roles, tokenHash, INVITED_AT, EXPIRES_AT);
    }

    private static StaffInvited invited(String userId, String email, String phone, Set<StaffRole> roles, String hash) {
        return invited(TEAM, ORG, userId, email, phone, roles, hash);
    }

    private static History history() {
        return new History()
                .add(TEAM, new TeamFormed(TEAM, ORG))                                                        // 0
                .add(TEAM, new ApiKeyIssued(TEAM, ORG, "onboarding", "Onboarding key", Set.of(READ), "k-onb")) // 1
                .add(TEAM, invited("u-owner", "owner@acme.test", null, Set.of(OWNER), "t-owner"))            // 2
                .add(TEAM, new StaffJoined(TEAM, ORG, "u-owner", INVITED_AT.plusSeconds(600)))              // 3
                .add(TEAM, new StaffInvited(TEAM, ORG, "u-editor", "editor@acme.test", "+254712345678", "Jane",
                        Set.of(EDITOR), "t-editor-1", INVITED_AT, EXPIRES_AT))                              // 4
                .add(TEAM, new InvitationReissued(TEAM, ORG, "u-editor", "t-editor-2",
                        INVITED_AT.plusSeconds(3600), EXPIRES_AT.plusSeconds(3600)))                        // 5
                .add(TEAM, new StaffJoined(TEAM, ORG, "u-editor", INVITED_AT.plusSeconds(7200)))            // 6
                .add(TEAM, new RolesChanged(TEAM, ORG, "u-editor", Set.of(ADMIN, BILLING)))                 // 7
                .add(TEAM, new StaffPasswordChanged(TEAM, ORG, "u-editor", INVITED_AT.plusSeconds(9000)))   // 8
                .add(TEAM, invited("u-viewer", "viewer@acme.test", null, Set.of(VIEWER), "t-viewer"))        // 9
                .add(TEAM, new StaffDeactivated(TEAM, ORG, "u-viewer"))                                    // 10
                .add(TEAM, invited("u-pending", null, "+254700000002", Set.of(VIEWER), "t-pending"))          // 11
                .add(TEAM, new ApiKeyIssued(TEAM, ORG, "k-1", "Zapier", Set.of(WRITE, READ), "k-1-a"))        // 12
                .add(TEAM, new ApiKeyRotated(TEAM, ORG, "k-1", "k-1-b"))                                    // 13
                .add(TEAM, new ApiKeyRevoked(TEAM, ORG, "onboarding"));                                    // 14
    }

    @Test
    void scriptedHistoryBuildsMembersInvitationsAndKeys() {
        History history = history();
        projector.apply(history.events());

        assertThat(jdbc.queryForMap("SELECT * FROM teams"))
                .containsEntry("organization_id", ORG).containsEntry("formed_at", utc(history.timeOf(0)));
        assertThat(jdbc.queryForList("SELECT id, status FROM users ORDER BY id"))
                .extracting(r -> r.get("id") + "=" + r.get("status"))
                .containsExactly("u-editor=active", "u-owner=active", "u-pending=invited", "u-viewer=deactivated");
        assertThat(jdbc.queryForList("SELECT user_id || ':' || role_name FROM user_roles ORDER BY 1", String.class))
                .containsExactly("u-editor:admin", "u-editor:billing", "u-owner:owner", "u-pending:viewer",
                        "u-viewer:viewer");
        Map<String, Object> editor = jdbc.queryForMap("SELECT * FROM users WHERE id = 'u-editor'");
        assertThat(editor).containsEntry("organization_id", ORG).containsEntry("email", "editor@acme.test")
                .containsEntry("phone", "+254712345678").containsEntry("display_name", "Jane")
                .containsEntry("invited_at", utc(INVITED_AT.plusSeconds(3600)))
                .containsEntry("joined_at", utc(INVITED_AT.plusSeconds(7200)))
                .containsEntry("password_changed_at", utc(INVITED_AT.plusSeconds(9000)))
                .containsEntry("created_at", utc(history.timeOf(4)))
                .containsEntry("updated_at", utc(history.timeOf(8)));
        assertThat(jdbc.queryForObject("SELECT deactivated_at FROM users WHERE id = 'u-viewer'", OffsetDateTime.class))
                .isEqualTo(history.timeOf(10).atOffset(ZoneOffset.UTC));

        // The viewer's cancelled invitation is gone; the editor's row carries the reissued token, accepted.
        assertThat(jdbc.queryForList("SELECT user_id FROM staff_invitations ORDER BY 1", String.class))
                .containsExactly("u-editor", "u-owner", "u-pending");
        assertThat(directory.invitationByTokenHash("t-viewer")).isEmpty();
        assertThat(directory.invitationByTokenHash("t-editor-1")).isEmpty();
        assertThat(directory.invitationByTokenHash("t-editor-2")).contains(new InvitationRow("u-editor", ORG,
                "t-editor-2", EXPIRES_AT.plusSeconds(3600), INVITED_AT.plusSeconds(7200)));
        assertThat(directory.invitationByTokenHash("t-pending")).contains(new InvitationRow("u-pending", ORG,
                "t-pending", EXPIRES_AT, null));

        assertThat(jdbc.queryForList("SELECT id, key_hash, array_to_string(scopes, ',') AS scopes, revoked_at, "
                + "rotated_at FROM api_keys ORDER BY id"))
                .extracting(r -> r.get("id") + " " + r.get("key_hash") + " " + r.get("scopes") + " "
                        + (r.get("rotated_at") != null) + " " + (r.get("revoked_at") != null))
                .containsExactly("k-1 k-1-b read,write true false", "onboarding k-onb read false true");
    }

    @Test
    void directoryAnswersWhatSigningInAndRequestChecksAsk() {
        History history = history();
        projector.apply(history.events());

        StaffMemberRow editor = new StaffMemberRow("u-editor", ORG, "editor@acme.test", "+254712345678", "Jane",
                StaffMemberRow.ACTIVE, Set.of(ADMIN, BILLING), INVITED_AT.plusSeconds(3600),
                INVITED_AT.plusSeconds(7200), INVITED_AT.plusSeconds(9000));
        assertThat(directory.member("u-editor")).contains(editor);
        assertThat(directory.memberOf(ORG, "u-editor")).contains(editor);
        assertThat(directory.memberOf(OTHER_ORG, "u-editor")).isEmpty();
        assertThat(directory.member("nobody")).isEmpty();

        assertThat(directory.activeByLogin(" Editor@ACME.test ")).contains(editor);
        assertThat(directory.activeByLogin("254 712 345 678")).contains(editor);
        assertThat(directory.activeByLogin("owner@acme.test")).map(StaffMemberRow::id).contains("u-owner");
        assertThat(directory.activeByLogin("+254700000002")).as("invited, not joined").isEmpty();
        assertThat(directory.activeByLogin("viewer@acme.test")).as("deactivated").isEmpty();
        assertThat(directory.activeByLogin("not a login")).isEmpty();
        assertThat(directory.activeByLogin(" ")).isEmpty();

        assertThat(directory.members(ORG)).extracting(StaffMemberRow::id)
                .containsExactly("u-owner", "u-editor", "u-viewer", "u-pending");
        assertThat(directory.members(ORG).get(0).roles()).containsExactly(OWNER);
        assertThat(directory.members(OTHER_ORG)).isEmpty();
        assertThat(directory.activeOwnerCount(ORG)).isEqualTo(1);
        assertThat(directory.activeOwnerCount(OTHER_ORG)).isZero();

        assertThat(directory.activeApiKeyByHash("k-1-b")).contains(new ApiKeyRow(ORG, "k-1", "Zapier",
                Set.of(READ, WRITE), history.timeOf(12), history.timeOf(13), null, null));
        assertThat(directory.activeApiKeyByHash("k-1-a")).as("rotated away").isEmpty();
        assertThat(directory.activeApiKeyByHash("k-onb")).as("revoked").isEmpty();
        assertThat(directory.apiKeys(ORG)).extracting(ApiKeyRow::id, ApiKeyRow::revoked)
                .containsExactly(tuple("onboarding", true),
                        tuple("k-1", false));
        assertThat(directory.apiKeys(ORG).get(0).scopes()).containsExactly(READ);
    }

    @Test
    void applyingTheHistoryTwiceChangesNothing() {
        History history = history();
        projector.apply(history.events());
        Map<String, List<String>> once = Tables.snapshot(jdbc, StaffDirectoryProjection.TABLES);

        projector.apply(history.events());
        projector.apply(history.get(7));
        projector.apply(history.get(10));

        assertThat(Tables.snapshot(jdbc, StaffDirectoryProjection.TABLES)).isEqualTo(once);
    }

    @Test
    void aDeactivatedMembersEmailCanBeInvitedAgain() {
        projector.apply(new History()
                .add(TEAM, new TeamFormed(TEAM, ORG))
                .add(TEAM, invited("u-1", "jane@acme.test", "+254712345678", Set.of(EDITOR), "t-1"))
                .add(TEAM, new StaffJoined(TEAM, ORG, "u-1", INVITED_AT.plusSeconds(60)))
                .add(TEAM, new StaffDeactivated(TEAM, ORG, "u-1"))
                .add(TEAM, invited("u-2", "jane@acme.test", "+254712345678", Set.of(VIEWER), "t-2"))
                .add(TEAM, new StaffJoined(TEAM, ORG, "u-2", INVITED_AT.plusSeconds(120)))
                .events());

        assertThat(directory.activeByLogin("jane@acme.test")).map(StaffMemberRow::id).contains("u-2");
        assertThat(directory.activeByLogin("+254712345678")).map(StaffMemberRow::roles).contains(Set.of(VIEWER));
        assertThat(directory.member("u-1")).map(StaffMemberRow::status).contains(StaffMemberRow.DEACTIVATED);
    }

    @Test
    void anEmailInUseInAnotherOrganizationIsRefusedByTheDatabase() {
        projector.apply(new History()
                .add(TEAM, new TeamFormed(TEAM, ORG))
                .add(TEAM, invited("u-1", "jane@acme.test", null, Set.of(OWNER), "t-1"))
                .add(TEAM, new StaffJoined(TEAM, ORG, "u-1", INVITED_AT.plusSeconds(60)))
                .add(OTHER_TEAM, new TeamFormed(OTHER_TEAM, OTHER_ORG))
                .events());

        History second = new History()
                .add(OTHER_TEAM, invited(OTHER_TEAM, OTHER_ORG, "u-2", "jane@acme.test", null, Set.of(EDITOR), "t-2"));
        assertThatThrownBy(() -> projector.apply(second.events()))
                .hasCauseInstanceOf(DataIntegrityViolationException.class);
        assertThat(directory.member("u-2")).isEmpty();
        assertThat(directory.members(OTHER_ORG)).isEmpty();
    }

    @Test
    void aPhoneInUseInAnotherOrganizationIsRefusedEvenWhileOnlyInvited() {
        projector.apply(new History()
                .add(TEAM, invited("u-1", null, "+254712345678", Set.of(OWNER), "t-1"))
                .events());

        History second = new History()
                .add(OTHER_TEAM, invited(OTHER_TEAM, OTHER_ORG, "u-2", null, "+254712345678", Set.of(EDITOR), "t-2"));
        assertThatThrownBy(() -> projector.apply(second.events()))
                .hasCauseInstanceOf(DataIntegrityViolationException.class);
    }

    @Test
    void touchingAKeyWritesAtMostOnceAMinute() {
        projector.apply(new History()
                .add(TEAM, new ApiKeyIssued(TEAM, ORG, "k-1", "Zapier", Set.of(READ), "k-1-a"))
                .events());
        Instant first = Instant.parse("2025-03-02T10:00:00Z");

        assertThat(directory.touchApiKey(ORG, "k-1", first)).isTrue();
        assertThat(directory.touchApiKey(ORG, "k-1", first.plusSeconds(1))).isFalse();
        assertThat(directory.touchApiKey(ORG, "k-1", first.plusSeconds(59))).isFalse();
        assertThat(directory.apiKeys(ORG).get(0).lastUsedAt()).isEqualTo(first);

        assertThat(directory.touchApiKey(ORG, "k-1", first.plusSeconds(60))).isTrue();
        assertThat(directory.touchApiKey(ORG, "k-1", first.plusSeconds(61))).isFalse();
        assertThat(directory.activeApiKeyByHash("k-1-a").orElseThrow().lastUsedAt()).isEqualTo(first.plusSeconds(60));
        assertThat(directory.touchApiKey(OTHER_ORG, "k-1", first.plusSeconds(600))).as("another team's key id").isFalse();
    }

    @Test
    void findsOrganizationsStillWithoutATeam() {
        projector.apply(new History()
                .add("org-1", new OrganizationOnboarded("org-1", "Acme", "111", new PriceList(null), 0, "h-1"))
                .add("org-2", new OrganizationOnboarded("org-2", "Beta", "222", new PriceList(null), 0, "h-2"))
                .add("org-3", new OrganizationOnboarded("org-3", "Gamma", "333", new PriceList(null), 0, "h-3"))
                .add(TEAM, new TeamFormed(TEAM, ORG))
                .events());

        assertThat(directory.organizationsWithoutTeam()).containsExactly("org-2", "org-3");
    }

    @Test
    void everyRoleIsSeeded() {
        assertThat(jdbc.queryForList("SELECT name FROM roles ORDER BY name", String.class))
                .containsExactlyInAnyOrderElementsOf(
                        Arrays.stream(StaffRole.values()).map(StaffRole::wireName).toList());
    }

    /** How PostgreSQL's JDBC driver hands back a {@code timestamptz} in a map. */
    private static Timestamp utc(Instant at) {
        return Timestamp.from(at);
    }
}
