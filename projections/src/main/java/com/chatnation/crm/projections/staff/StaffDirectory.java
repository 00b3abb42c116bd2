package com.chatnation.crm.projections.staff;

import com.chatnation.crm.domain.common.DomainRuleViolation;
import com.chatnation.crm.domain.common.PhoneNumber;
import com.chatnation.crm.domain.staff.ApiKeyScope;
import com.chatnation.crm.domain.staff.StaffRole;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import static com.chatnation.crm.projections.crm.ReadModelSupport.utc;

/** Looks up staff members, invitations and machine keys: what signing in and checking a request need. */
@Repository
public class StaffDirectory {

    /** How stale {@code api_keys.last_used_at} may get: one write per key per minute, not one per request. */
    public static final Duration LAST_USED_RESOLUTION = Duration.ofMinutes(1);

    private static final String MEMBER = """
            SELECT u.*, ARRAY(SELECT r.role_name FROM user_roles r WHERE r.user_id = u.id) AS roles
            FROM users u
            """;
    private static final String API_KEY = """
            SELECT organization_id, id, name, scopes, created_at, rotated_at, revoked_at, last_used_at FROM api_keys
            """;

    private static final RowMapper<StaffMemberRow> MEMBERS = (rs, n) -> new StaffMemberRow(rs.getString("id"),
            rs.getString("organization_id"), rs.getString("email"), rs.getString("phone"),
            rs.getString("display_name"), rs.getString("status"),
            enums(rs.getArray("roles"), StaffRole.class, StaffRole::parse), instant(rs, "invited_at"),
            instant(rs, "joined_at"), instant(rs, "password_changed_at"));
    private static final RowMapper<InvitationRow> INVITATIONS = (rs, n) -> new InvitationRow(rs.getString("user_id"),
            rs.getString("organization_id"), rs.getString("token_hash"), instant(rs, "expires_at"),
            instant(rs, "accepted_at"));
    private static final RowMapper<ApiKeyRow> API_KEYS = (rs, n) -> new ApiKeyRow(rs.getString("organization_id"),
            rs.getString("id"), rs.getString("name"),
            enums(rs.getArray("scopes"), ApiKeyScope.class, ApiKeyScope::parse), instant(rs, "created_at"),
            instant(rs, "rotated_at"), instant(rs, "revoked_at"), instant(rs, "last_used_at"));

    private final JdbcTemplate jdbc;

    public StaffDirectory(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** A member of any organization, in any status. */
    public Optional<StaffMemberRow> member(String userId) {
        return jdbc.query(MEMBER + "WHERE u.id = ?", MEMBERS, userId).stream().findFirst();
    }

    /** A member only if they belong to this organization, so one organization's id never reveals another's staff. */
    public Optional<StaffMemberRow> memberOf(String organizationId, String userId) {
        return jdbc.query(MEMBER + "WHERE u.id = ? AND u.organization_id = ?", MEMBERS, userId, organizationId)
                .stream().findFirst();
    }

    /**
     * The active member who signs in with this e-mail address (any case) or phone number (any way of writing it).
     * Invited and deactivated members cannot sign in, so they are never found.
     */
    public Optional<StaffMemberRow> activeByLogin(String emailOrPhone) {
        if (emailOrPhone == null || emailOrPhone.isBlank()) {
            return Optional.empty();
        }
        String login = emailOrPhone.strip();
        if (login.indexOf('@') >= 0) {
            return jdbc.query(MEMBER + "WHERE u.email = ? AND u.status = 'active'", MEMBERS,
                    login.toLowerCase(Locale.ROOT)).stream().findFirst();
        }
        String phone;
        try {
            phone = PhoneNumber.of(login).e164();
        } catch (DomainRuleViolation notAPhoneNumber) {
            return Optional.empty();
        }
        return jdbc.query(MEMBER + "WHERE u.phone = ? AND u.status = 'active'", MEMBERS, phone).stream().findFirst();
    }

    /** The invitation whose token has this hash; pending or accepted (cancelled ones are gone). */
    public Optional<InvitationRow> invitationByTokenHash(String tokenHash) {
        return jdbc.query("SELECT * FROM staff_invitations WHERE token_hash = ?", INVITATIONS, tokenHash)
                .stream().findFirst();
    }

    /** The organization's members in every status, in the order they were invited. */
    public List<StaffMemberRow> members(String organizationId) {
        return jdbc.query(MEMBER + "WHERE u.organization_id = ? ORDER BY u.created_at, u.id", MEMBERS, organizationId);
    }

    /** The machine key with this hash, unless it has been revoked. */
    public Optional<ApiKeyRow> activeApiKeyByHash(String keyHash) {
        return jdbc.query(API_KEY + "WHERE key_hash = ? AND revoked_at IS NULL", API_KEYS, keyHash)
                .stream().findFirst();
    }

    /** The organization's machine keys, revoked ones included, in the order they were issued. */
    public List<ApiKeyRow> apiKeys(String organizationId) {
        return jdbc.query(API_KEY + "WHERE organization_id = ? ORDER BY created_at, id", API_KEYS, organizationId);
    }

    /**
     * Notes that a key was used at {@code at}. Writes only when no use is recorded or the recorded one is at least
     * {@link #LAST_USED_RESOLUTION} older, so a busy key costs one write a minute, not one per request. Answers
     * whether it wrote.
     */
    public boolean touchApiKey(String organizationId, String keyId, Instant at) {
        return jdbc.update("""
                        UPDATE api_keys SET last_used_at = ?
                        WHERE organization_id = ? AND id = ? AND (last_used_at IS NULL OR last_used_at <= ?)""",
                utc(at), organizationId, keyId, utc(at.minus(LAST_USED_RESOLUTION))) > 0;
    }

    /** Organizations with no team yet, oldest first. */
    public List<String> organizationsWithoutTeam() {
        return jdbc.queryForList("""
                SELECT o.id FROM organizations o
                WHERE NOT EXISTS (SELECT 1 FROM teams t WHERE t.organization_id = o.id)
                ORDER BY o.created_at, o.id""", String.class);
    }

    /** Owners of the organization who have joined and are not deactivated. */
    public int activeOwnerCount(String organizationId) {
        Integer count = jdbc.queryForObject("""
                SELECT count(*) FROM users u JOIN user_roles r ON r.user_id = u.id AND r.role_name = 'owner'
                WHERE u.organization_id = ? AND u.status = 'active'""", Integer.class, organizationId);
        return count == null ? 0 : count;
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private static <E extends Enum<E>> Set<E> enums(Array array, Class<E> type, Function<String, E> parse)
            throws SQLException {
        EnumSet<E> values = EnumSet.noneOf(type);
        if (array != null) {
            for (Object name : (Object[]) array.getArray()) {
                values.add(parse.apply((String) name));
            }
        }
        return Collections.unmodifiableSet(values);
    }
}
