package com.chatnation.crm.projections.queries;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static com.chatnation.crm.projections.queries.Rows.instant;

/** Reads an organization's knowledge bases, their contents, and the questions contacts asked them. */
@Repository
public class KnowledgeQueries {

    public record KnowledgeBaseRow(String id, String name, String description, long faqItems, long documents,
                                   Instant createdAt) {
    }

    public record FaqItemRow(String id, String question, String answer, Instant addedAt) {
    }

    public record DocumentRow(String id, String title, String sourceType, int characters, int chunks,
                              Instant addedAt) {
    }

    public record KnowledgeBaseDetail(KnowledgeBaseRow knowledgeBase, List<FaqItemRow> faqItems,
                                      List<DocumentRow> documents) {
    }

    /** {@code question} is null once the contact was erased. */
    public record QueryRow(String id, String question, String answerKind, String knowledgeBaseId, String sourceId,
                           String sourceTitle, String answer, JsonNode matches, long latencyMs, Boolean helpful,
                           Instant askedAt) {
        Cursor cursor() {
            return Cursor.of(askedAt, id);
        }
    }

    /** Answered, unanswered and rated questions, and the share of rated answers found helpful. */
    public record QuerySummary(long questions, long answeredFromFaq, long answeredFromDocuments, long unanswered,
                               long rated, long helpful) {
    }

    private static final String BASES = """
            SELECT k.*, (SELECT count(*) FROM faq_items f WHERE f.knowledge_base_id = k.id) AS faq_count,
                   (SELECT count(*) FROM kb_documents d WHERE d.knowledge_base_id = k.id) AS document_count
            FROM knowledge_bases k WHERE k.organization_id = :org""";

    private final NamedParameterJdbcTemplate jdbc;
    private final ObjectMapper mapper;

    public KnowledgeQueries(NamedParameterJdbcTemplate jdbc, ObjectMapper mapper) {
        this.jdbc = jdbc;
        this.mapper = mapper;
    }

    public List<KnowledgeBaseRow> knowledgeBases(String organizationId) {
        return jdbc.query(BASES + " ORDER BY k.created_at DESC, k.id", new MapSqlParameterSource("org", organizationId),
                (rs, n) -> base(rs));
    }

    public Optional<KnowledgeBaseDetail> knowledgeBase(String organizationId, String knowledgeBaseId) {
        MapSqlParameterSource params = new MapSqlParameterSource("org", organizationId).addValue("id", knowledgeBaseId);
        return jdbc.query(BASES + " AND k.id = :id", params, (rs, n) -> base(rs)).stream().findFirst()
                .map(base -> new KnowledgeBaseDetail(base,
                        jdbc.query("SELECT * FROM faq_items WHERE knowledge_base_id = :id ORDER BY added_at, id",
                                params, (rs, n) -> new FaqItemRow(rs.getString("id"), rs.getString("question"),
                                        rs.getString("answer"), instant(rs, "added_at"))),
                        jdbc.query("SELECT * FROM kb_documents WHERE knowledge_base_id = :id ORDER BY added_at, id",
                                params, (rs, n) -> new DocumentRow(rs.getString("id"), rs.getString("title"),
                                        rs.getString("source_type"), rs.getInt("characters"), rs.getInt("chunks"),
                                        instant(rs, "added_at")))));
    }

    /** Questions newest first ({@code rag_query_logs_organization}). */
    public Page<QueryRow> queries(String organizationId, Cursor after, int limit) {
        MapSqlParameterSource params = new MapSqlParameterSource("org", organizationId).addValue("limit", limit + 1);
        String where = " WHERE organization_id = :org";
        if (after != null) {
            where += " AND (asked_at, id) < (:afterAt, :afterId)";
            params.addValue("afterAt", after.at()).addValue("afterId", after.key());
        }
        List<QueryRow> found = jdbc.query("SELECT * FROM rag_query_logs" + where
                        + " ORDER BY asked_at DESC, id DESC LIMIT :limit", params,
                (rs, n) -> new QueryRow(rs.getString("id"), rs.getString("question"), rs.getString("answer_kind"),
                        rs.getString("knowledge_base_id"), rs.getString("source_id"), rs.getString("source_title"),
                        rs.getString("answer"), Rows.json(mapper, rs, "matches"), rs.getLong("latency_ms"),
                        (Boolean) rs.getObject("helpful"), instant(rs, "asked_at")));
        return Page.of(found, limit, QueryRow::cursor);
    }

    public QuerySummary summary(String organizationId) {
        return jdbc.queryForObject("""
                        SELECT count(*) AS questions,
                               count(*) FILTER (WHERE answer_kind = 'faq') AS faq,
                               count(*) FILTER (WHERE answer_kind = 'passage') AS passage,
                               count(*) FILTER (WHERE answer_kind = 'none') AS unanswered,
                               count(helpful) AS rated, count(*) FILTER (WHERE helpful) AS helpful
                        FROM rag_query_logs WHERE organization_id = :org""",
                new MapSqlParameterSource("org", organizationId),
                (rs, n) -> new QuerySummary(rs.getLong("questions"), rs.getLong("faq"), rs.getLong("passage"),
                        rs.getLong("unanswered"), rs.getLong("rated"), rs.getLong("helpful")));
    }

    private static KnowledgeBaseRow base(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new KnowledgeBaseRow(rs.getString("id"), rs.getString("name"), rs.getString("description"),
                rs.getLong("faq_count"), rs.getLong("document_count"), instant(rs, "created_at"));
    }
}
