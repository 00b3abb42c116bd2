package com.chatnation.crm.application.media;

import com.chatnation.crm.application.platform.axon.CommandCatalogs;
import com.chatnation.crm.domain.conversation.ContactErased;
import com.chatnation.crm.domain.conversation.MessageReceived;
import com.chatnation.crm.domain.messaging.MessageContent;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

/**
 * Puts every file a contact sends (photo, voice note, video, document; not stickers) on the list of files to copy out
 * of WhatsApp ({@code media_files}), for {@link MediaDownloader}. One row inserted in the message's own transaction
 * (the command catalogs' subscribing group): the download itself happens later, and no tracking processor of its own
 * reads every event of the store for the few that carry files. A contact's erasure takes their files out of the store
 * and off the list, in the erasure's transaction.
 */
@Component
@ProcessingGroup(CommandCatalogs.GROUP)
class MediaQueue {

    private static final Logger log = LoggerFactory.getLogger(MediaQueue.class);
    private static final List<String> KEPT_KINDS = List.of("image", "audio", "video", "document");

    private final JdbcTemplate jdbc;
    private final MediaStore store;

    MediaQueue(JdbcTemplate jdbc, MediaStore store) {
        this.jdbc = jdbc;
        this.store = store;
    }

    @EventHandler
    void on(MessageReceived event, @org.axonframework.eventhandling.Timestamp Instant at) {
        if (!(event.content() instanceof MessageContent.Media media) || media.mediaId() == null
                || !KEPT_KINDS.contains(media.kind())) {
            return;
        }
        jdbc.update("""
                        INSERT INTO media_files (media_id, organization_id, conversation_id, contact_id, message_id, kind,
                                                 declared_mime_type, next_attempt_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (media_id) DO NOTHING""",
                media.mediaId(), event.organizationId(), event.conversationId(), event.contactId(), event.messageId(),
                media.kind(), media.mimeType(), Timestamp.from(at));
    }

    @EventHandler
    void on(ContactErased event) throws IOException {
        List<String> keys = jdbc.queryForList("""
                        SELECT DISTINCT storage_key FROM media_files m WHERE contact_id = ? AND storage_key IS NOT NULL
                          AND NOT EXISTS (SELECT 1 FROM media_files o WHERE o.storage_key = m.storage_key
                                          AND o.contact_id <> m.contact_id)""",
                String.class, event.contactId());
        jdbc.update("DELETE FROM media_files WHERE contact_id = ?", event.contactId());
        for (String key : keys) {
            store.delete(key);
        }
        if (!keys.isEmpty()) {
            log.info("Erasure: deleted {} stored files of an erased contact", keys.size());
        }
    }
}
