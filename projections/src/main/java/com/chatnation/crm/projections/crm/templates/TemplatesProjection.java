package com.chatnation.crm.projections.crm.templates;

import com.chatnation.crm.domain.template.MessageTemplateCategoryChanged;
import com.chatnation.crm.domain.template.MessageTemplateDeleted;
import com.chatnation.crm.domain.template.MessageTemplateImported;
import com.chatnation.crm.domain.template.MessageTemplateStatusChanged;
import com.chatnation.crm.domain.template.MessageTemplateSubmitted;
import com.chatnation.crm.domain.template.TemplateCategory;
import com.chatnation.crm.domain.template.TemplateContent;
import com.chatnation.crm.projections.jdbc.ReadModelJdbc;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.Timestamp;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static com.chatnation.crm.projections.crm.ReadModelSupport.json;
import static com.chatnation.crm.projections.crm.ReadModelSupport.utc;

/**
 * Maintains {@code message_templates}: one row per template (organization, name, language) with Meta's last
 * status and category. Rows are keyed by the template's id and updates set values, so a redelivered event or a
 * rebuild writes the same row. Templates hold the organization's own wording, no contact's data.
 */
@Component
@ProcessingGroup(TemplatesProjection.GROUP)
public class TemplatesProjection {

    public static final String GROUP = "crm-templates";
    public static final List<String> TABLES = List.of("message_templates");

    private final JdbcTemplate jdbc;
    private final ObjectMapper mapper;

    public TemplatesProjection(@ReadModelJdbc JdbcTemplate jdbc, ObjectMapper mapper) {
        this.jdbc = jdbc;
        this.mapper = mapper;
    }

    @EventHandler
    void on(MessageTemplateSubmitted event, @Timestamp Instant at) {
        insert(event.templateId(), event.organizationId(), event.name(), event.language(), event.category(),
                event.status(), null, event.metaTemplateId(), event.content(), "created", at);
    }

    @EventHandler
    void on(MessageTemplateImported event, @Timestamp Instant at) {
        insert(event.templateId(), event.organizationId(), event.name(), event.language(), event.category(),
                event.status(), event.reason(), event.metaTemplateId(), event.content(), "imported", at);
    }

    private void insert(String id, String organizationId, String name, String language, TemplateCategory category,
                        String status, String reason, String metaId, TemplateContent content, String source,
                        Instant at) {
        TemplateContent stored = content == null ? new TemplateContent(null, null, null, null, null) : content;
        // a template submitted again after its deletion takes the row over
        jdbc.update("""
                        INSERT INTO message_templates (id, organization_id, name, language, category, status,
                            status_reason, meta_template_id, parameter_format, content, source, created_at, updated_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?)
                        ON CONFLICT (id) DO UPDATE SET category = excluded.category, status = excluded.status,
                            status_reason = excluded.status_reason, previous_category = NULL,
                            meta_template_id = excluded.meta_template_id, parameter_format = excluded.parameter_format,
                            content = excluded.content, source = excluded.source, created_at = excluded.created_at,
                            updated_at = excluded.updated_at, deleted_at = NULL""",
                UUID.fromString(id), organizationId, name, language, category.name(), status, reason, metaId,
                stored.parameterFormat(), json(mapper, TemplateContent.class, stored), source, utc(at), utc(at));
    }

    @EventHandler
    void on(MessageTemplateStatusChanged event, @Timestamp Instant at) {
        jdbc.update("UPDATE message_templates SET status = ?, status_reason = ?, updated_at = ? WHERE id = ?",
                event.status(), event.reason(), utc(at), UUID.fromString(event.templateId()));
    }

    @EventHandler
    void on(MessageTemplateCategoryChanged event, @Timestamp Instant at) {
        jdbc.update("UPDATE message_templates SET category = ?, previous_category = ?, updated_at = ? WHERE id = ?",
                event.category().name(), event.previousCategory() == null ? null : event.previousCategory().name(),
                utc(at), UUID.fromString(event.templateId()));
    }

    @EventHandler
    void on(MessageTemplateDeleted event, @Timestamp Instant at) {
        jdbc.update("UPDATE message_templates SET status = 'DELETED', deleted_at = ?, updated_at = ? WHERE id = ?",
                utc(at), utc(at), UUID.fromString(event.templateId()));
    }
}
