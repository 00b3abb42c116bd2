package com.chatnation.crm.projections.staff;

import com.chatnation.crm.domain.staff.ApiKeyIssued;
import com.chatnation.crm.domain.staff.ApiKeyRevoked;
import com.chatnation.crm.domain.staff.ApiKeyRotated;
import com.chatnation.crm.domain.staff.ApiKeyScope;
import com.chatnation.crm.domain.staff.InvitationReissued;
import com.chatnation.crm.domain.staff.RolesChanged;
import com.chatnation.crm.domain.staff.StaffDeactivated;
import com.chatnation.crm.domain.staff.StaffInvited;
import com.chatnation.crm.domain.staff.StaffJoined;
import com.chatnation.crm.domain.staff.StaffPasswordChanged;
import com.chatnation.crm.domain.staff.StaffRole;
import com.chatnation.crm.domain.staff.TeamFormed;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.Timestamp;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static com.chatnation.crm.projections.crm.ReadModelSupport.utc;

/**
 * Maintains {@code teams}, {@code users}, {@code user_roles}, {@code staff_invitations} and {@code api_keys} from
 * the Team aggregates' events. It runs in the subscribing processing group {@value #GROUP}, inside the transaction
 * that stores the events: a second account with an e-mail address or phone number already in use anywhere on the
 * platform fails the command as a whole, and a deactivated member or a revoked key is refused from the next
 * request on. For the same reason it writes through the plain {@code JdbcTemplate}, not the batching one, and its
 * tables are not among the replayable {@link com.chatnation.crm.projections.ReadTables}.
 * <p>
 * Every handler is idempotent: inserts are keyed and skip what exists, updates set values taken from the event, and
 * {@code updated_at} only moves forward.
 */
@Component
@ProcessingGroup(StaffDirectoryProjection.GROUP)
public class StaffDirectoryProjection {

    public static final String GROUP = "staff-directory";
    /** The tables this projection writes ({@code roles} is reference data from the migration). */
    public static final List<String> TABLES = List.of("teams", "users", "user_roles", "staff_invitations", "api_keys");

    private final JdbcTemplate jdbc;

    public StaffDirectoryProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(TeamFormed event, @Timestamp Instant at) {
        jdbc.update("INSERT INTO teams (organization_id, formed_at) VALUES (?, ?) ON CONFLICT (organization_id) DO NOTHING",
                event.organizationId(), utc(at));
    }

    @EventHandler
    void on(StaffInvited event, @Timestamp Instant at) {
        // Only the primary key is the conflict target: a clash on the e-mail or phone index must fail the command.
        jdbc.update("""
                        INSERT INTO users (id, organization_id, email, phone, display_name, status, invited_at,
                                           created_at, updated_at)
                        VALUES (?, ?, ?, ?, ?, 'invited', ?, ?, ?)
                        ON CONFLICT (id) DO NOTHING""",
                event.userId(), event.organizationId(), event.email(), event.phone(), event.displayName(),
                utc(event.invitedAt()), utc(at), utc(at));
        insertRoles(event.userId(), event.organizationId(), event.roles());
        jdbc.update("""
                        INSERT INTO staff_invitations (user_id, organization_id, token_hash, invited_at, expires_at)
                        VALUES (?, ?, ?, ?, ?)
                        ON CONFLICT (user_id) DO NOTHING""",
                event.userId(), event.organizationId(), event.invitationTokenHash(), utc(event.invitedAt()),
                utc(event.expiresAt()));
    }

    @EventHandler
    void on(InvitationReissued event, @Timestamp Instant at) {
        jdbc.update("""
                        UPDATE staff_invitations SET token_hash = ?, invited_at = ?, expires_at = ?
                        WHERE user_id = ? AND accepted_at IS NULL""",
                event.invitationTokenHash(), utc(event.invitedAt()), utc(event.expiresAt()), event.userId());
        jdbc.update("UPDATE users SET invited_at = ?, updated_at = GREATEST(updated_at, ?) WHERE id = ? AND status = 'invited'",
                utc(event.invitedAt()), utc(at), event.userId());
    }

    @EventHandler
    void on(StaffJoined event, @Timestamp Instant at) {
        jdbc.update("""
                        UPDATE users SET status = 'active', joined_at = ?, updated_at = GREATEST(updated_at, ?)
                        WHERE id = ? AND status = 'invited'""",
                utc(event.acceptedAt()), utc(at), event.userId());
        jdbc.update("UPDATE staff_invitations SET accepted_at = ? WHERE user_id = ? AND accepted_at IS NULL",
                utc(event.acceptedAt()), event.userId());
    }

    @EventHandler
    void on(RolesChanged event, @Timestamp Instant at) {
        jdbc.update("DELETE FROM user_roles WHERE user_id = ?", event.userId());
        insertRoles(event.userId(), event.organizationId(), event.roles());
        jdbc.update("UPDATE users SET updated_at = GREATEST(updated_at, ?) WHERE id = ?", utc(at), event.userId());
    }

    @EventHandler
    void on(StaffDeactivated event, @Timestamp Instant at) {
        jdbc.update("""
                        UPDATE users SET status = 'deactivated', deactivated_at = COALESCE(deactivated_at, ?),
                            updated_at = GREATEST(updated_at, ?)
                        WHERE id = ?""",
                utc(at), utc(at), event.userId());
        // A cancelled invitation's token must stop working: the row it would be found by goes.
        jdbc.update("DELETE FROM staff_invitations WHERE user_id = ? AND accepted_at IS NULL", event.userId());
    }

    @EventHandler
    void on(StaffPasswordChanged event, @Timestamp Instant at) {
        jdbc.update("UPDATE users SET password_changed_at = ?, updated_at = GREATEST(updated_at, ?) WHERE id = ?",
                utc(event.changedAt()), utc(at), event.userId());
    }

    @EventHandler
    void on(ApiKeyIssued event, @Timestamp Instant at) {
        jdbc.update("""
                        INSERT INTO api_keys (organization_id, id, name, scopes, key_hash, created_at)
                        VALUES (?, ?, ?, string_to_array(?, ','), ?, ?)
                        ON CONFLICT (organization_id, id) DO NOTHING""",
                event.organizationId(), event.keyId(), event.name(),
                event.scopes().stream().map(ApiKeyScope::wireName).sorted().collect(Collectors.joining(",")),
                event.keyHash(), utc(at));
    }

    @EventHandler
    void on(ApiKeyRotated event, @Timestamp Instant at) {
        jdbc.update("UPDATE api_keys SET key_hash = ?, rotated_at = ? WHERE organization_id = ? AND id = ?",
                event.newKeyHash(), utc(at), event.organizationId(), event.keyId());
    }

    @EventHandler
    void on(ApiKeyRevoked event, @Timestamp Instant at) {
        jdbc.update("""
                        UPDATE api_keys SET revoked_at = COALESCE(revoked_at, ?)
                        WHERE organization_id = ? AND id = ?""",
                utc(at), event.organizationId(), event.keyId());
    }

    private void insertRoles(String userId, String organizationId, Set<StaffRole> roles) {
        List<Object[]> rows = roles.stream().map(role -> new Object[]{userId, role.wireName(), organizationId}).toList();
        jdbc.batchUpdate("""
                INSERT INTO user_roles (user_id, role_name, organization_id) VALUES (?, ?, ?)
                ON CONFLICT (user_id, role_name) DO NOTHING""", rows);
    }
}
