package com.chatnation.crm.projections.crm.hypecards;

import com.chatnation.crm.domain.hypecard.CardLayout;
import com.chatnation.crm.domain.hypecard.CardTemplateArchived;
import com.chatnation.crm.domain.hypecard.CardTemplateCreated;
import com.chatnation.crm.projections.crm.EngagementProjections;
import com.chatnation.crm.projections.jdbc.ReadModelJdbc;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.List;

import static com.chatnation.crm.projections.crm.ReadModelSupport.json;
import static com.chatnation.crm.projections.crm.ReadModelSupport.utc;

/** Maintains {@code hypecard_templates}: one row per template, its layout as written. */
@Component
@ProcessingGroup(HypeCardsProjection.GROUP)
public class HypeCardsProjection {

    public static final String GROUP = EngagementProjections.GROUP;
    public static final List<String> TABLES = List.of("hypecard_templates");

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
}
