package com.chatnation.crm.application.knowledge;

import com.chatnation.crm.domain.knowledge.DocumentAdded;
import com.chatnation.crm.domain.knowledge.DocumentRemoved;
import com.chatnation.crm.domain.knowledge.FaqItemAdded;
import com.chatnation.crm.domain.knowledge.FaqItemRemoved;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.List;

/**
 * Embeds what the knowledge bases answer from into {@code embeddings}: an FAQ item's question, each passage of a
 * document with the document's title in front (a passage often does not name what it is about). A tracking
 * processor of its own, away from the message path: embedding a long document takes seconds. Rows are keyed by
 * their source, so an event handled again writes nothing new.
 */
@Component
@ProcessingGroup(KnowledgeIndexer.GROUP)
class KnowledgeIndexer {

    static final String GROUP = "knowledge-index";

    private final JdbcTemplate jdbc;
    private final SentenceEmbeddings embeddings;

    KnowledgeIndexer(JdbcTemplate jdbc, SentenceEmbeddings embeddings) {
        this.jdbc = jdbc;
        this.embeddings = embeddings;
    }

    @EventHandler
    void on(FaqItemAdded event) {
        store(event.knowledgeBaseId(), event.organizationId(), KnowledgeEntry.FAQ, event.faqId(), 0, null,
                event.question(), event.answer(), embeddings.embed(event.question()));
    }

    @EventHandler
    void on(FaqItemRemoved event) {
        remove(event.knowledgeBaseId(), KnowledgeEntry.FAQ, event.faqId());
    }

    @EventHandler
    void on(DocumentAdded event) {
        List<String> chunks = event.chunks();
        for (int i = 0; i < chunks.size(); i++) {
            store(event.knowledgeBaseId(), event.organizationId(), KnowledgeEntry.PASSAGE, event.documentId(), i,
                    event.title(), chunks.get(i), null, embeddings.embed(event.title() + ". " + chunks.get(i)));
        }
    }

    @EventHandler
    void on(DocumentRemoved event) {
        remove(event.knowledgeBaseId(), KnowledgeEntry.PASSAGE, event.documentId());
    }

    private void store(String knowledgeBaseId, String organizationId, String sourceType, String sourceId, int chunk,
                       String title, String content, String answer, float[] vector) {
        jdbc.update((Connection connection) -> {
            PreparedStatement statement = connection.prepareStatement("""
                    INSERT INTO embeddings (knowledge_base_id, source_type, source_id, chunk, organization_id, title,
                                            content, answer, model, vector)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT (knowledge_base_id, source_type, source_id, chunk) DO NOTHING""");
            Float[] boxed = new Float[vector.length];
            for (int i = 0; i < vector.length; i++) {
                boxed[i] = vector[i];
            }
            statement.setString(1, knowledgeBaseId);
            statement.setString(2, sourceType);
            statement.setString(3, sourceId);
            statement.setInt(4, chunk);
            statement.setString(5, organizationId);
            statement.setString(6, title);
            statement.setString(7, content);
            statement.setString(8, answer);
            statement.setString(9, SentenceEmbeddings.MODEL);
            statement.setArray(10, connection.createArrayOf("real", boxed));
            return statement;
        });
    }

    private void remove(String knowledgeBaseId, String sourceType, String sourceId) {
        jdbc.update("DELETE FROM embeddings WHERE knowledge_base_id = ? AND source_type = ? AND source_id = ?",
                knowledgeBaseId, sourceType, sourceId);
    }
}
