package com.chatnation.crm.projections.crm.knowledge;

import com.chatnation.crm.domain.conversation.ContactErased;
import com.chatnation.crm.domain.knowledge.DocumentAdded;
import com.chatnation.crm.domain.knowledge.DocumentRemoved;
import com.chatnation.crm.domain.knowledge.FaqItemAdded;
import com.chatnation.crm.domain.knowledge.FaqItemRemoved;
import com.chatnation.crm.domain.knowledge.KnowledgeAnswerRated;
import com.chatnation.crm.domain.knowledge.KnowledgeBaseCreated;
import com.chatnation.crm.domain.knowledge.KnowledgeQueryAnswered;
import com.chatnation.crm.projections.crm.contacts.ContactIds;
import com.chatnation.crm.projections.crm.EngagementProjections;
import com.chatnation.crm.projections.jdbc.ReadModelJdbc;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.Timestamp;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.List;

import static com.chatnation.crm.projections.crm.ReadModelSupport.json;
import static com.chatnation.crm.projections.crm.ReadModelSupport.utc;

/**
 * Maintains {@code knowledge_bases}, {@code kb_documents}, {@code faq_items} and {@code rag_query_logs}. Removed
 * documents and FAQ items leave their tables; logged questions keep naming what answered them. A contact's erasure
 * blanks the questions they asked (their own words), keeping the rest for the figures.
 */
@Component
@ProcessingGroup(KnowledgeProjection.GROUP)
public class KnowledgeProjection {

    public static final String GROUP = EngagementProjections.GROUP;
    public static final List<String> TABLES = List.of("knowledge_bases", "kb_documents", "faq_items",
            "rag_query_logs");

    private final JdbcTemplate jdbc;
    private final ObjectMapper mapper;

    public KnowledgeProjection(@ReadModelJdbc JdbcTemplate jdbc, ObjectMapper mapper) {
        this.jdbc = jdbc;
        this.mapper = mapper;
    }

    @EventHandler
    void on(KnowledgeBaseCreated event) {
        jdbc.update("""
                        INSERT INTO knowledge_bases (id, organization_id, name, description, created_at)
                        VALUES (?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING""",
                event.knowledgeBaseId(), event.organizationId(), event.name(), event.description(),
                utc(event.createdAt()));
    }

    @EventHandler
    void on(FaqItemAdded event, @Timestamp Instant at) {
        jdbc.update("""
                        INSERT INTO faq_items (id, knowledge_base_id, organization_id, question, answer, added_at)
                        VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING""",
                event.faqId(), event.knowledgeBaseId(), event.organizationId(), event.question(), event.answer(),
                utc(at));
    }

    @EventHandler
    void on(FaqItemRemoved event) {
        jdbc.update("DELETE FROM faq_items WHERE id = ? AND knowledge_base_id = ?", event.faqId(),
                event.knowledgeBaseId());
    }

    @EventHandler
    void on(DocumentAdded event, @Timestamp Instant at) {
        jdbc.update("""
                        INSERT INTO kb_documents (id, knowledge_base_id, organization_id, title, source_type,
                                                  characters, chunks, added_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING""",
                event.documentId(), event.knowledgeBaseId(), event.organizationId(), event.title(),
                event.sourceType(), event.characters(), event.chunks().size(), utc(at));
    }

    @EventHandler
    void on(DocumentRemoved event) {
        jdbc.update("DELETE FROM kb_documents WHERE id = ? AND knowledge_base_id = ?", event.documentId(),
                event.knowledgeBaseId());
    }

    @EventHandler
    void on(KnowledgeQueryAnswered event) {
        jdbc.update("""
                        INSERT INTO rag_query_logs (id, organization_id, contact_id, conversation_id, question,
                            answer_kind, knowledge_base_id, source_id, source_title, answer, matches, latency_ms,
                            asked_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?) ON CONFLICT (id) DO NOTHING""",
                event.queryId(), event.organizationId(), ContactIds.of(event.contactId()), event.conversationId(),
                event.question(), event.answerKind(), event.knowledgeBaseId(), event.sourceId(), event.sourceTitle(),
                event.answer(), json(mapper, List.class, event.matches()), event.latencyMillis(),
                utc(event.askedAt()));
    }

    @EventHandler
    void on(KnowledgeAnswerRated event) {
        jdbc.update("UPDATE rag_query_logs SET helpful = ?, rated_at = ? WHERE id = ?", event.helpful(),
                utc(event.at()), event.queryId());
    }

    @EventHandler
    void on(ContactErased event) {
        jdbc.update("UPDATE rag_query_logs SET question = NULL WHERE contact_id = ?",
                ContactIds.of(event.contactId()));
    }
}
