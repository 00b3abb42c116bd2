package com.chatnation.crm.projections.crm.knowledge;

import com.chatnation.crm.domain.conversation.ContactErased;
import com.chatnation.crm.domain.knowledge.DocumentAdded;
import com.chatnation.crm.domain.knowledge.DocumentRemoved;
import com.chatnation.crm.domain.knowledge.FaqItemAdded;
import com.chatnation.crm.domain.knowledge.FaqItemRemoved;
import com.chatnation.crm.domain.knowledge.KnowledgeAnswerRated;
import com.chatnation.crm.domain.knowledge.KnowledgeBaseCreated;
import com.chatnation.crm.domain.knowledge.KnowledgeMatch;
import com.chatnation.crm.domain.knowledge.KnowledgeQueryAnswered;
import com.chatnation.crm.projections.TestContacts;
import com.chatnation.crm.projections.queries.KnowledgeQueries;
import com.chatnation.crm.projections.queries.KnowledgeQueries.QueryRow;
import com.chatnation.crm.projections.queries.KnowledgeQueries.QuerySummary;
import com.chatnation.crm.projections.support.History;
import com.chatnation.crm.projections.support.Projector;
import com.chatnation.crm.projections.support.Tables;
import com.chatnation.crm.projections.support.TestDatabase;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Knowledge bases, their contents and the questions asked of them, as the read tables keep them. */
class KnowledgeProjectionTest {

    private static final String ORG = "org-kb";
    private static final String KB = "kb-1";
    private static final Instant T0 = History.START;
    private static final String ANN = TestContacts.id("+254712000011");
    private static final String BEN = TestContacts.id("+254712000012");

    private final JdbcTemplate jdbc = TestDatabase.jdbc();
    private final ObjectMapper json = Tables.objectMapper();
    private final KnowledgeQueries queries = new KnowledgeQueries(new NamedParameterJdbcTemplate(jdbc), json);
    private Projector projector;

    @BeforeEach
    void setUp() {
        Tables.clear(jdbc);
        projector = new Projector(new KnowledgeProjection(jdbc, json));
    }

    private static History history() {
        return new History()
                .add(KB, new KnowledgeBaseCreated(KB, ORG, "TechExpo", "Questions about the expo", T0), T0)
                .add(KB, new FaqItemAdded(KB, ORG, "faq-1", "How much is a ticket?", "KES 2,000."), T0.plusSeconds(1))
                .add(KB, new FaqItemAdded(KB, ORG, "faq-2", "Where is it?", "KICC."), T0.plusSeconds(2))
                .add(KB, new DocumentAdded(KB, ORG, "doc-1", "Guide", "pdf", 1200, List.of("one", "two")),
                        T0.plusSeconds(3))
                .add(KB, new FaqItemRemoved(KB, ORG, "faq-2"), T0.plusSeconds(4))
                .add("q-1", new KnowledgeQueryAnswered("q-1", ORG, "conv-ann", ANN, "ticket price?", "faq", KB,
                        "faq-1", "How much is a ticket?", "KES 2,000.",
                        List.of(new KnowledgeMatch("faq", "faq-1", null, 0.91)), 14, T0.plusSeconds(10)),
                        T0.plusSeconds(10))
                .add("q-1", new KnowledgeAnswerRated("q-1", ORG, ANN, true, T0.plusSeconds(20)), T0.plusSeconds(20))
                .add("q-2", new KnowledgeQueryAnswered("q-2", ORG, "conv-ben", BEN, "blorp?", "none", null, null,
                        null, null, List.of(), 9, T0.plusSeconds(30)), T0.plusSeconds(30));
    }

    @Test
    void contentsAndQuestionsAreKeptAsTheyStandWithTheirRatings() {
        projector.apply(history().events());

        var detail = queries.knowledgeBase(ORG, KB).orElseThrow();
        assertThat(detail.knowledgeBase().faqItems()).isEqualTo(1);
        assertThat(detail.knowledgeBase().documents()).isEqualTo(1);
        assertThat(detail.faqItems()).extracting(KnowledgeQueries.FaqItemRow::id).containsExactly("faq-1");
        assertThat(detail.documents().get(0).chunks()).isEqualTo(2);
        assertThat(queries.knowledgeBase("another-org", KB)).isEmpty();

        List<QueryRow> asked = queries.queries(ORG, null, 10).items();
        assertThat(asked).extracting(QueryRow::id).containsExactly("q-2", "q-1");
        assertThat(asked.get(1).helpful()).isTrue();
        assertThat(asked.get(1).matches().get(0).path("score").asDouble()).isEqualTo(0.91);
        assertThat(asked.get(0).helpful()).isNull();
        assertThat(queries.summary(ORG)).isEqualTo(new QuerySummary(2, 1, 0, 1, 1, 1));

        projector.apply(new History().add(KB, new DocumentRemoved(KB, ORG, "doc-1"), T0.plusSeconds(40)).events());
        assertThat(queries.knowledgeBase(ORG, KB).orElseThrow().documents()).isEmpty();
    }

    @Test
    void anErasedContactsQuestionsAreBlankedAndTheFiguresStay() {
        projector.apply(history().events());
        projector.apply(new History().add("conv-ann", new ContactErased("conv-ann", "s1", ORG, ANN, "request",
                T0.plusSeconds(50)), T0.plusSeconds(50)).events());

        List<QueryRow> asked = queries.queries(ORG, null, 10).items();
        assertThat(asked.get(1).question()).isNull();
        assertThat(asked.get(0).question()).isEqualTo("blorp?");
        assertThat(queries.summary(ORG).questions()).isEqualTo(2);
    }

    @Test
    void aRedeliveredHistoryChangesNothing() {
        History history = history();
        projector.apply(history.events());
        Map<String, String> once = Tables.checksums(jdbc, KnowledgeProjection.TABLES);
        projector.apply(history.events());
        assertThat(Tables.checksums(jdbc, KnowledgeProjection.TABLES)).isEqualTo(once);
    }
}
