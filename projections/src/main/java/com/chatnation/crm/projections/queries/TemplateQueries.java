package com.chatnation.crm.projections.queries;

import com.chatnation.crm.domain.template.TemplateContent;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static com.chatnation.crm.projections.queries.Rows.instant;

/** Reads an organization's message templates ({@code message_templates}). */
@Repository
public class TemplateQueries {

    public record TemplateRow(String id, String name, String language, String category, String previousCategory,
                              String status, String statusReason, String metaTemplateId, String parameterFormat,
                              TemplateContent content, String source, Instant createdAt, Instant updatedAt,
                              Instant deletedAt) {
        Cursor cursor() {
            return Cursor.of(createdAt, id);
        }
    }

    private final NamedParameterJdbcTemplate jdbc;
    private final ObjectMapper mapper;
    private final RowMapper<TemplateRow> rows;

    public TemplateQueries(NamedParameterJdbcTemplate jdbc, ObjectMapper mapper) {
        this.jdbc = jdbc;
        this.mapper = mapper;
        this.rows = (rs, n) -> new TemplateRow(rs.getString("id"), rs.getString("name"), rs.getString("language"),
                rs.getString("category"), rs.getString("previous_category"), rs.getString("status"),
                rs.getString("status_reason"), rs.getString("meta_template_id"), rs.getString("parameter_format"),
                content(rs.getString("content")), rs.getString("source"), instant(rs, "created_at"),
                instant(rs, "updated_at"), instant(rs, "deleted_at"));
    }

    /** Templates newest first ({@code message_templates_organization_created}); {@code status} null for all. */
    public Page<TemplateRow> templates(String organizationId, String status, Cursor after, int limit) {
        MapSqlParameterSource params = new MapSqlParameterSource("org", organizationId).addValue("limit", limit + 1);
        StringBuilder where = new StringBuilder(" WHERE organization_id = :org");
        if (status != null) {
            where.append(" AND status = :status");
            params.addValue("status", status);
        }
        if (after != null) {
            where.append(" AND (created_at, id) < (:afterAt, :afterId)");
            UUID afterId = uuid(after.key());
            if (afterId == null) {
                throw new InvalidCursorException();
            }
            params.addValue("afterAt", after.at()).addValue("afterId", afterId);
        }
        List<TemplateRow> found = jdbc.query("SELECT * FROM message_templates" + where
                + " ORDER BY created_at DESC, id DESC LIMIT :limit", params, rows);
        return Page.of(found, limit, TemplateRow::cursor);
    }

    public Optional<TemplateRow> template(String organizationId, String templateId) {
        UUID id = uuid(templateId);
        if (id == null) {
            return Optional.empty();
        }
        return jdbc.query("SELECT * FROM message_templates WHERE organization_id = :org AND id = :id",
                new MapSqlParameterSource("org", organizationId).addValue("id", id), rows).stream().findFirst();
    }

    /**
     * The organization's templates of that name that are not deleted, one per language, in language order
     * ({@code message_templates_organization_name}).
     */
    public List<TemplateRow> named(String organizationId, String name) {
        return jdbc.query("""
                        SELECT * FROM message_templates
                        WHERE organization_id = :org AND name = :name AND deleted_at IS NULL
                        ORDER BY language, created_at""",
                new MapSqlParameterSource("org", organizationId).addValue("name", name), rows);
    }

    private static UUID uuid(String value) {
        try {
            return value == null ? null : UUID.fromString(value);
        } catch (IllegalArgumentException notAUuid) {
            return null;
        }
    }

    private TemplateContent content(String json) {
        try {
            return json == null ? null : mapper.readValue(json, TemplateContent.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("message_templates.content is not a template's content", e);
        }
    }
}
