package com.chatnation.crm.application.staff;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;

/** The {@code user_credentials} table: one password hash per member who has set a password. */
@Repository
class PasswordHashes {

    private final JdbcTemplate jdbc;

    PasswordHashes(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    Optional<String> of(String userId) {
        return jdbc.queryForList("SELECT password_hash FROM user_credentials WHERE user_id = ?", String.class, userId)
                .stream().findFirst();
    }

    void set(String userId, String passwordHash, Instant at) {
        jdbc.update("""
                INSERT INTO user_credentials (user_id, password_hash, updated_at) VALUES (?, ?, ?)
                ON CONFLICT (user_id) DO UPDATE SET password_hash = excluded.password_hash, updated_at = excluded.updated_at""",
                userId, passwordHash, Timestamp.from(at));
    }
}
