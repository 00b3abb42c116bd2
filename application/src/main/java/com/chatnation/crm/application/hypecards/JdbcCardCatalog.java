package com.chatnation.crm.application.hypecards;

import com.chatnation.crm.application.platform.axon.CommandCatalogs;
import com.chatnation.crm.domain.conversation.CardCatalog;
import com.chatnation.crm.domain.hypecard.CardLayout;
import com.chatnation.crm.domain.hypecard.CardTemplateArchived;
import com.chatnation.crm.domain.hypecard.CardTemplateCreated;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

import java.sql.Timestamp;
import java.util.Arrays;
import java.util.Optional;

/**
 * The conversation's view of HypeCard templates ({@code card_catalog}), kept in the transaction that creates or
 * archives a template (the command catalogs' subscribing group): a template's keyword works from the next message on.
 */
@Repository
@ProcessingGroup(CommandCatalogs.GROUP)
class JdbcCardCatalog implements CardCatalog {

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;
    private final RowMapper<CardOnOffer> rows = (rs, n) -> new CardOnOffer(rs.getString("template_id"),
            rs.getString("name"), Arrays.asList((String[]) rs.getArray("variables").getArray()));

    JdbcCardCatalog(JdbcTemplate jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    @EventHandler
    void on(CardTemplateCreated event) throws JsonProcessingException {
        jdbc.update("""
                        INSERT INTO card_catalog (template_id, organization_id, name, keyword, layout, variables, created_at)
                        VALUES (?, ?, ?, ?, ?::jsonb, ?, ?) ON CONFLICT (template_id) DO NOTHING""",
                event.templateId(), event.organizationId(), event.name(), event.keyword(),
                json.writeValueAsString(event.layout()), event.variables().toArray(String[]::new),
                Timestamp.from(event.createdAt()));
    }

    @EventHandler
    void on(CardTemplateArchived event) {
        jdbc.update("UPDATE card_catalog SET archived = TRUE WHERE template_id = ?", event.templateId());
    }

    @Override
    public Optional<CardOnOffer> cardForKeyword(String organizationId, String keyword) {
        if (keyword == null || keyword.isBlank()) {
            return Optional.empty();
        }
        return jdbc.query("""
                        SELECT template_id, name, variables FROM card_catalog
                        WHERE organization_id = ? AND keyword = ? AND NOT archived
                        ORDER BY created_at DESC LIMIT 1""", rows, organizationId, keyword).stream().findFirst();
    }

    @Override
    public Optional<CardOnOffer> card(String organizationId, String templateId) {
        return jdbc.query("""
                        SELECT template_id, name, variables FROM card_catalog
                        WHERE organization_id = ? AND template_id = ? AND NOT archived""",
                rows, organizationId, templateId).stream().findFirst();
    }

    /** The layout a card of the template is drawn with; empty when the template is archived or unknown. */
    Optional<CardLayout> layout(String templateId) {
        return jdbc.queryForList("SELECT layout::text FROM card_catalog WHERE template_id = ? AND NOT archived",
                String.class, templateId).stream().findFirst().map(this::layoutOf);
    }

    /** Whether a live template of the organization has this keyword. */
    boolean keywordTaken(String organizationId, String keyword) {
        return Boolean.TRUE.equals(jdbc.queryForObject("""
                        SELECT EXISTS (SELECT 1 FROM card_catalog WHERE organization_id = ? AND keyword = ?
                                       AND NOT archived)""", Boolean.class, organizationId, keyword));
    }

    private CardLayout layoutOf(String value) {
        try {
            return json.readValue(value, CardLayout.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("card_catalog.layout is not a card layout", e);
        }
    }
}
