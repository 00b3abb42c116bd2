package com.chatnation.crm.application.knowledge;

import com.chatnation.crm.domain.conversation.KnowledgeCatalog;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** Whether an organization has anything indexed to answer from: asked of every message the bot does not understand. */
@Repository
class JdbcKnowledgeCatalog implements KnowledgeCatalog {

    private final JdbcTemplate jdbc;

    JdbcKnowledgeCatalog(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public boolean answersQuestions(String organizationId) {
        return Boolean.TRUE.equals(jdbc.queryForObject(
                "SELECT EXISTS (SELECT 1 FROM embeddings WHERE organization_id = ?)", Boolean.class, organizationId));
    }
}
