package com.chatnation.crm.application.hypecards;

import com.chatnation.crm.application.media.MediaStore;
import com.chatnation.crm.application.platform.axon.CommandCatalogs;
import com.chatnation.crm.domain.conversation.ContactErased;
import com.chatnation.crm.domain.hypecard.CardGenerated;
import com.chatnation.crm.domain.hypecard.CardRequested;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.sql.Timestamp;
import java.util.List;

/**
 * The cards' own tables, kept in the transactions of the events (the command catalogs' subscribing group): a card
 * asked for goes on the list of cards to draw ({@code card_jobs}, for {@link CardWorkshop}); a drawn card gets its
 * public link ({@code card_links}). A contact's erasure takes their cards off the list, their links (and with them
 * the views) away, and their card images out of the store.
 */
@Component
@ProcessingGroup(CommandCatalogs.GROUP)
class CardJobs {

    private final JdbcTemplate jdbc;
    private final MediaStore store;

    CardJobs(JdbcTemplate jdbc, MediaStore store) {
        this.jdbc = jdbc;
        this.store = store;
    }

    @EventHandler
    void on(CardRequested event) {
        jdbc.update("""
                        INSERT INTO card_jobs (card_id, organization_id, template_id, conversation_id, contact_id, name,
                                               title, photo_message_id, share_code, next_attempt_at, requested_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (card_id) DO NOTHING""",
                event.cardId(), event.organizationId(), event.templateId(), event.conversationId(), event.contactId(),
                event.name(), event.title(), event.photoMessageId(), event.shareCode(),
                Timestamp.from(event.requestedAt()), Timestamp.from(event.requestedAt()));
    }

    @EventHandler
    void on(CardGenerated event) {
        jdbc.update("""
                        INSERT INTO card_links (share_code, card_id, organization_id, template_id, contact_id, image_key,
                                                generated_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (share_code) DO NOTHING""",
                event.shareCode(), event.cardId(), event.organizationId(), event.templateId(), event.contactId(),
                event.imageKey(), Timestamp.from(event.at()));
    }

    @EventHandler
    void on(ContactErased event) throws IOException {
        List<String> keys = jdbc.queryForList("""
                        SELECT DISTINCT image_key FROM card_links l WHERE contact_id = ?
                          AND NOT EXISTS (SELECT 1 FROM card_links o WHERE o.image_key = l.image_key
                                          AND o.contact_id <> l.contact_id)""", String.class, event.contactId());
        jdbc.update("DELETE FROM card_links WHERE contact_id = ?", event.contactId());
        jdbc.update("DELETE FROM card_jobs WHERE contact_id = ?", event.contactId());
        for (String key : keys) {
            store.delete(key);
        }
    }
}
