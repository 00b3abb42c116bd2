package com.chatnation.crm.application.media;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** What became of the file a contact's message carried, for features that use it (a HypeCard's photo). */
@Component
public class MessageFiles {

    private final JdbcTemplate jdbc;

    MessageFiles(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The stored copy's key once kept ({@code key}), whether it was given up on ({@code lost}), or neither yet. */
    public record Copy(String key, boolean lost) {
    }

    public Copy of(String messageId) {
        return jdbc.query("SELECT status, storage_key FROM media_files WHERE message_id = ? LIMIT 1",
                        (rs, n) -> new Copy("stored".equals(rs.getString("status")) ? rs.getString("storage_key") : null,
                                "lost".equals(rs.getString("status"))), messageId)
                .stream().findFirst().orElse(new Copy(null, false));
    }
}
