package com.chatnation.crm.projections.crm.hypecards;

import com.chatnation.crm.domain.conversation.ContactErased;
import com.chatnation.crm.domain.hypecard.CardFailed;
import com.chatnation.crm.domain.hypecard.CardGenerated;
import com.chatnation.crm.domain.hypecard.CardLayout;
import com.chatnation.crm.domain.hypecard.CardRequested;
import com.chatnation.crm.domain.hypecard.CardShared;
import com.chatnation.crm.domain.hypecard.CardTemplateArchived;
import com.chatnation.crm.domain.hypecard.CardTemplateCreated;
import com.chatnation.crm.projections.crm.EngagementProjections;
import com.chatnation.crm.projections.crm.contacts.ContactIds;
import com.chatnation.crm.projections.jdbc.ReadModelJdbc;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static com.chatnation.crm.projections.crm.ReadModelSupport.json;
import static com.chatnation.crm.projections.crm.ReadModelSupport.utc;

/**
 * Maintains {@code hypecard_templates}, one row per template with its layout as written, and {@code generated_cards},
 * one row per card asked for: requested, then generated or failed, with the shares its page counted. A card's events
 * carry their stream's sequence number into {@code last_sequence}, so a redelivered share is not counted twice. A
 * contact's erasure deletes their cards.
 */
@Component
@ProcessingGroup(HypeCardsProjection.GROUP)
public class HypeCardsProjection {

    public static final String GROUP = EngagementProjections.GROUP;
    public static final List<String> TABLES = List.of("hypecard_templates", "generated_cards");

    private final JdbcTemplate jdbc;
    private final ObjectMapper mapper;

    public HypeCardsProjection(@ReadModelJdbc JdbcTemplate jdbc, ObjectMapper mapper) {
        this.jdbc = jdbc;
        this.mapper = mapper;
    }

    @EventHandler
    void on(CardTemplateCreated event) {
        jdbc.update("""
                        INSERT INTO hypecard_templates (id, organization_id, name, keyword, layout, variables, created_at)
                        VALUES (?, ?, ?, ?, ?::jsonb, string_to_array(?, ','), ?) ON CONFLICT (id) DO NOTHING""",
                event.templateId(), event.organizationId(), event.name(), event.keyword(),
                json(mapper, CardLayout.class, event.layout()), String.join(",", event.variables()),
                utc(event.createdAt()));
    }

    @EventHandler
    void on(CardTemplateArchived event) {
        jdbc.update("UPDATE hypecard_templates SET archived_at = ? WHERE id = ? AND archived_at IS NULL",
                utc(event.at()), event.templateId());
    }

    @EventHandler
    void on(CardRequested event, @SequenceNumber long sequence) {
        Map<String, Object> input = new LinkedHashMap<>();
        input.put("name", event.name());
        input.put("title", event.title());
        input.put("has_photo", event.photoMessageId() != null);
        jdbc.update("""
                        INSERT INTO generated_cards (id, organization_id, template_id, contact_id, conversation_id,
                                                     status, input_data, share_code, requested_at, last_sequence)
                        VALUES (?, ?, ?, ?, ?, 'requested', ?::jsonb, ?, ?, ?) ON CONFLICT (id) DO NOTHING""",
                event.cardId(), event.organizationId(), event.templateId(), ContactIds.of(event.contactId()),
                event.conversationId(), json(mapper, Map.class, input), event.shareCode(),
                utc(event.requestedAt()), sequence);
    }

    @EventHandler
    void on(CardGenerated event, @SequenceNumber long sequence) {
        jdbc.update("""
                        UPDATE generated_cards SET status = 'generated', image_url = ?, generated_at = ?,
                                                   last_sequence = ?
                        WHERE id = ? AND last_sequence < ?""",
                "/c/" + event.shareCode() + "/card.png", utc(event.at()), sequence, event.cardId(), sequence);
    }

    @EventHandler
    void on(CardFailed event, @SequenceNumber long sequence) {
        jdbc.update("""
                        UPDATE generated_cards SET status = 'failed', failure = ?, failed_at = ?, last_sequence = ?
                        WHERE id = ? AND last_sequence < ?""",
                event.reason(), utc(event.at()), sequence, event.cardId(), sequence);
    }

    @EventHandler
    void on(CardShared event, @SequenceNumber long sequence) {
        jdbc.update("""
                        UPDATE generated_cards SET share_count = share_count + 1, last_sequence = ?
                        WHERE id = ? AND last_sequence < ?""", sequence, event.cardId(), sequence);
    }

    @EventHandler
    void on(ContactErased event) {
        jdbc.update("DELETE FROM generated_cards WHERE contact_id = ?", ContactIds.of(event.contactId()));
    }
}
