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
 * Embeds what the knowledge bases answer from into {@code embeddings}: an FAQ item's question, each {@link Windows
 * window} of a document's passages with the document's title in front (a passage often does not name what it is
 * about). A tracking
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
        store(event.knowledgeBaseId(), event.organizationId(), KnowledgeEntry.FAQ, event.faqId(), 0, 0, null,
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
            List<String> windows = Windows.of(chunks.get(i));
            for (int part = 0; part < windows.size(); part++) {
                store(event.knowledgeBaseId(), event.organizationId(), KnowledgeEntry.PASSAGE, event.documentId(), i,
                        part, event.title(), windows.get(part), null,
                        embeddings.embed(event.title() + ". " + windows.get(part)));
            }
        }
    }

    @EventHandler
    void on(DocumentRemoved event) {
        remove(event.knowledgeBaseId(), KnowledgeEntry.PASSAGE, event.documentId());
    }

    private void store(String knowledgeBaseId, String organizationId, String sourceType, String sourceId, int chunk,
                       int part, String title, String content, String answer, float[] vector) {
        jdbc.update((Connection connection) -> {
            PreparedStatement statement = connection.prepareStatement("""
                    INSERT INTO embeddings (knowledge_base_id, source_type, source_id, chunk, part, organization_id,
                                            title, content, answer, model, vector)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT (knowledge_base_id, source_type, source_id, chunk, part) DO NOTHING""");
            Float[] boxed = new Float[vector.length];
            for (int i = 0; i < vector.length; i++) {
                boxed[i] = vector[i];
            }
            statement.setString(1, knowledgeBaseId);
            statement.setString(2, sourceType);
            statement.setString(3, sourceId);
            statement.setInt(4, chunk);
            statement.setInt(5, part);
            statement.setString(6, organizationId);
            statement.setString(7, title);
            statement.setString(8, content);
            statement.setString(9, answer);
            statement.setString(10, SentenceEmbeddings.MODEL);
            statement.setArray(11, connection.createArrayOf("real", boxed));
            return statement;
        });
    }

    private void remove(String knowledgeBaseId, String sourceType, String sourceId) {
        jdbc.update("DELETE FROM embeddings WHERE knowledge_base_id = ? AND source_type = ? AND source_id = ?",
                knowledgeBaseId, sourceType, sourceId);
    }
}
