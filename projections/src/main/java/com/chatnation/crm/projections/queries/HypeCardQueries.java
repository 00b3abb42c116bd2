package com.chatnation.crm.projections.queries;

import com.chatnation.crm.domain.hypecard.CardLayout;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;

import java.sql.Array;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import static com.chatnation.crm.projections.queries.Rows.instant;

/** Reads an organization's HypeCard templates ({@code hypecard_templates}) and cards ({@code generated_cards}). */
@Repository
public class HypeCardQueries {

    public record TemplateRow(String id, String name, String keyword, CardLayout layout, List<String> variables,
                              Instant createdAt, Instant archivedAt) {
    }

    /**
     * A card as the read model has it: {@code status} {@code requested}, {@code generated} or {@code failed};
     * {@code shares} counted from its {@code CardShared} events. The contact's own words are left out.
     */
    public record CardRow(String id, String shareCode, String templateId, String templateName, String status,
                          String failure, Instant requestedAt, Instant generatedAt, long shares) {
    }

    private final NamedParameterJdbcTemplate jdbc;
    private final RowMapper<TemplateRow> rows;
    private final RowMapper<CardRow> cards = (rs, n) -> new CardRow(rs.getString("id"), rs.getString("share_code"),
            rs.getString("template_id"), rs.getString("template_name"), rs.getString("status"),
            rs.getString("failure"), instant(rs, "requested_at"), instant(rs, "generated_at"),
            rs.getLong("share_count"));

    public HypeCardQueries(NamedParameterJdbcTemplate jdbc, ObjectMapper mapper) {
        this.jdbc = jdbc;
        this.rows = (rs, n) -> new TemplateRow(rs.getString("id"), rs.getString("name"), rs.getString("keyword"),
                layout(mapper, rs.getString("layout")), strings(rs.getArray("variables")), instant(rs, "created_at"),
                instant(rs, "archived_at"));
    }

    /** Templates newest first, archived ones included. */
    public List<TemplateRow> templates(String organizationId) {
        return jdbc.query("SELECT * FROM hypecard_templates WHERE organization_id = :org "
                + "ORDER BY created_at DESC, id", new MapSqlParameterSource("org", organizationId), rows);
    }

    public Optional<TemplateRow> template(String organizationId, String templateId) {
        return jdbc.query("SELECT * FROM hypecard_templates WHERE organization_id = :org AND id = :id",
                new MapSqlParameterSource("org", organizationId).addValue("id", templateId), rows).stream()
                .findFirst();
    }

    /** The organization's cards of these ids (another organization's are not found), in no particular order. */
    public List<CardRow> cards(String organizationId, Collection<String> cardIds) {
        if (cardIds.isEmpty()) {
            return List.of();
        }
        return jdbc.query("""
                        SELECT c.id, c.share_code, c.template_id, t.name AS template_name, c.status, c.failure,
                               c.requested_at, c.generated_at, c.share_count
                        FROM generated_cards c LEFT JOIN hypecard_templates t ON t.id = c.template_id
                        WHERE c.organization_id = :org AND c.id IN (:ids)""",
                new MapSqlParameterSource("org", organizationId).addValue("ids", cardIds), cards);
    }

    private static CardLayout layout(ObjectMapper mapper, String json) {
        try {
            return mapper.readValue(json, CardLayout.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("hypecard_templates.layout is not a layout", e);
        }
    }

    private static List<String> strings(Array array) throws java.sql.SQLException {
        return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
    }
}
