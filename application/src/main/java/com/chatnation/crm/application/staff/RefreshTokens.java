package com.chatnation.crm.application.staff;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;

/** The {@code refresh_tokens} table: login sessions (families) and the one-use tokens that extend them. */
@Repository
class RefreshTokens {

    record Token(String tokenHash, String familyId, String userId, String organizationId, Instant expiresAt,
                 Instant usedAt, Instant revokedAt) {
    }

    private final JdbcTemplate jdbc;

    RefreshTokens(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    void add(String tokenHash, String familyId, String userId, String organizationId, Instant issuedAt,
             Instant expiresAt, String clientAddress) {
        jdbc.update("""
                INSERT INTO refresh_tokens (token_hash, family_id, user_id, organization_id, issued_at, expires_at,
                                            client_address)
                VALUES (?, ?, ?, ?, ?, ?, ?)""", tokenHash, familyId, userId, organizationId, Timestamp.from(issuedAt),
                Timestamp.from(expiresAt), clientAddress);
    }

    /** Locks the token's row until the transaction ends, so two refreshes with one token cannot both succeed. */
    Optional<Token> lockByHash(String tokenHash) {
        return jdbc.query("SELECT * FROM refresh_tokens WHERE token_hash = ? FOR UPDATE", (rs, n) -> new Token(
                rs.getString("token_hash"), rs.getString("family_id"), rs.getString("user_id"),
                rs.getString("organization_id"), rs.getTimestamp("expires_at").toInstant(),
                instant(rs.getTimestamp("used_at")), instant(rs.getTimestamp("revoked_at"))), tokenHash)
                .stream().findFirst();
    }

    void markUsed(String tokenHash, Instant at) {
        jdbc.update("UPDATE refresh_tokens SET used_at = ? WHERE token_hash = ?", Timestamp.from(at), tokenHash);
    }

    void revokeFamily(String familyId, String reason, Instant at) {
        jdbc.update("UPDATE refresh_tokens SET revoked_at = ?, revoked_reason = ? WHERE family_id = ? AND revoked_at IS NULL",
                Timestamp.from(at), reason, familyId);
    }

    void revokeAllOf(String userId, String reason, Instant at) {
        jdbc.update("UPDATE refresh_tokens SET revoked_at = ?, revoked_reason = ? WHERE user_id = ? AND revoked_at IS NULL",
                Timestamp.from(at), reason, userId);
    }

    /** A session is open while one of its tokens is neither revoked nor expired. */
    boolean sessionOpen(String familyId, String userId, Instant now) {
        return Boolean.TRUE.equals(jdbc.queryForObject("""
                SELECT EXISTS (SELECT 1 FROM refresh_tokens
                               WHERE family_id = ? AND user_id = ? AND revoked_at IS NULL AND expires_at > ?)""",
                Boolean.class, familyId, userId, Timestamp.from(now)));
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
