package com.chatnation.crm.application.knowledge;

import com.chatnation.crm.domain.knowledge.KnowledgeAnswer;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

import java.sql.Array;
import java.time.Duration;
import java.util.List;

/**
 * Answers a contact's question from the organization's knowledge bases.
 * <p>
 * The search is exact, in memory: an organization's entries are loaded once (and again when they change, which a
 * cheap count-and-latest query notices) and every one is compared with the question. 10,000 passages are 15 MB and
 * a few milliseconds to scan, beside the ~10 ms of embedding the question; a knowledge base of hundreds of
 * thousands of passages would want an approximate index in the database (pgvector) instead.
 */
@Service
public class KnowledgeSearch {

    private final JdbcTemplate jdbc;
    private final SentenceEmbeddings embeddings;
    private final Cache<String, Loaded> byOrganization = Caffeine.newBuilder()
            .maximumSize(200).expireAfterAccess(Duration.ofHours(1)).build();

    KnowledgeSearch(JdbcTemplate jdbc, SentenceEmbeddings embeddings) {
        this.jdbc = jdbc;
        this.embeddings = embeddings;
    }

    public KnowledgeAnswer answer(String organizationId, String question) {
        long started = System.nanoTime();
        List<KnowledgeEntry> entries = entries(organizationId);
        if (entries.isEmpty()) {
            return KnowledgeAnswer.none(List.of(), 0);
        }
        List<Ranking.Scored> ranked = Ranking.rank(embeddings.embed(question), entries);
        return Ranking.answer(question, ranked, (System.nanoTime() - started) / 1_000_000);
    }

    private List<KnowledgeEntry> entries(String organizationId) {
        String version = jdbc.queryForObject("""
                        SELECT count(*) || ':' || coalesce(max(created_at)::text, '') FROM embeddings
                        WHERE organization_id = ?""", String.class, organizationId);
        Loaded loaded = byOrganization.getIfPresent(organizationId);
        if (loaded != null && loaded.version().equals(version)) {
            return loaded.entries();
        }
        List<KnowledgeEntry> entries = jdbc.query("""
                        SELECT knowledge_base_id, source_type, source_id, chunk, title, content, answer, vector
                        FROM embeddings WHERE organization_id = ? AND model = ?""",
                (rs, n) -> new KnowledgeEntry(rs.getString("knowledge_base_id"), rs.getString("source_type"),
                        rs.getString("source_id"), rs.getInt("chunk"), rs.getString("title"),
                        rs.getString("content"), rs.getString("answer"), floats(rs.getArray("vector"))),
                organizationId, SentenceEmbeddings.MODEL);
        byOrganization.put(organizationId, new Loaded(version, entries));
        return entries;
    }

    private static float[] floats(Array array) throws java.sql.SQLException {
        Float[] boxed = (Float[]) array.getArray();
        float[] vector = new float[boxed.length];
        for (int i = 0; i < boxed.length; i++) {
            vector[i] = boxed[i];
        }
        return vector;
    }

    private record Loaded(String version, List<KnowledgeEntry> entries) {
    }
}
