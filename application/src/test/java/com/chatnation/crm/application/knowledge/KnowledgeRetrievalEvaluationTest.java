package com.chatnation.crm.application.knowledge;

import com.chatnation.crm.domain.knowledge.Chunks;
import com.chatnation.crm.domain.knowledge.KnowledgeAnswer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Retrieval quality measured on a sample knowledge base (test resources {@code knowledge/}): TechExpo 2027's 20 FAQ
 * items and two documents (an attendee handbook, an exhibitor guide), and 53 questions typed the way contacts type
 * them on WhatsApp, each with the FAQ item or document that answers it, or {@code none} when nothing should. The
 * entries are built as {@link KnowledgeIndexer} builds them (an FAQ item from its question, a passage from
 * {@code title + ". " + passage} with the document cut by {@link Chunks#of}) and ranked by {@link Ranking}, with the
 * real in-process model. The figures are printed; the floors are set below what was measured, with the margin
 * explained next to each.
 */
class KnowledgeRetrievalEvaluationTest {

    private static final String KNOWLEDGE_BASE = "kb-techexpo";

    private static SentenceEmbeddings embeddings;
    private static List<KnowledgeEntry> entries;
    private static List<Outcome> outcomes;

    private record Question(String text, String expect) {

        boolean answerable() {
            return !"none".equals(expect);
        }

        boolean matches(KnowledgeEntry entry) {
            return expect.equals((entry.isFaq() ? "faq:" : "doc:") + entry.sourceId());
        }
    }

    private record Outcome(Question question, List<Ranking.Scored> ranked, KnowledgeAnswer answer) {

        boolean hitAt(int k) {
            return ranked.stream().limit(k).anyMatch(s -> question.matches(s.entry()));
        }

        String decided() {
            return switch (answer.kind()) {
                case FAQ -> "faq:" + answer.sourceId();
                case PASSAGE -> "doc:" + answer.sourceId();
                case NONE -> "none";
            };
        }

        boolean rightDecision() {
            return decided().equals(question.expect());
        }

        /** Answered, but not from what answers the question: worse than offering a person. */
        boolean wrongAnswer() {
            return answer.kind() != KnowledgeAnswer.Kind.NONE && !rightDecision();
        }

        Ranking.Scored best(boolean faq) {
            return ranked.stream().filter(s -> s.entry().isFaq() == faq).findFirst().orElseThrow();
        }
    }

    @BeforeAll
    static void evaluate() throws IOException {
        embeddings = new SentenceEmbeddings();
        ObjectMapper json = new ObjectMapper();
        entries = new ArrayList<>();
        for (JsonNode faq : json.readTree(resource("techexpo-faq.json"))) {
            String question = faq.get("question").asText();
            entries.add(new KnowledgeEntry(KNOWLEDGE_BASE, KnowledgeEntry.FAQ, faq.get("id").asText(), 0, null,
                    question, faq.get("answer").asText(), embeddings.embed(question)));
        }
        addDocument("handbook", "TechExpo 2027 Attendee Handbook",
                DocumentText.of(DocumentText.MARKDOWN, resource("techexpo-handbook.md")));
        addDocument("exhibitor-guide", "TechExpo 2027 Exhibitor Guide",
                DocumentText.of(DocumentText.TEXT, resource("techexpo-exhibitor-guide.txt")));

        outcomes = new ArrayList<>();
        for (JsonNode node : json.readTree(resource("eval-questions.json"))) {
            Question question = new Question(node.get("question").asText(), node.get("expect").asText());
            List<Ranking.Scored> ranked = Ranking.rank(embeddings.embed(question.text()), entries);
            outcomes.add(new Outcome(question, ranked, Ranking.answer(question.text(), ranked, 0)));
        }
        report();
    }

    private static void addDocument(String id, String title, String text) {
        List<String> chunks = Chunks.of(text);
        for (int i = 0; i < chunks.size(); i++) {
            for (String window : Windows.of(chunks.get(i))) {
                entries.add(new KnowledgeEntry(KNOWLEDGE_BASE, KnowledgeEntry.PASSAGE, id, i, title, window, null,
                        embeddings.embed(title + ". " + window)));
            }
        }
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = KnowledgeRetrievalEvaluationTest.class.getResourceAsStream("/knowledge/" + name)) {
            assertThat(in).as(name).isNotNull();
            return in.readAllBytes();
        }
    }

    private static List<Outcome> answerable() {
        return outcomes.stream().filter(o -> o.question().answerable()).toList();
    }

    private static List<Outcome> nonsense() {
        return outcomes.stream().filter(o -> !o.question().answerable()).toList();
    }

    private static double hitAt(int k) {
        return (double) answerable().stream().filter(o -> o.hitAt(k)).count() / answerable().size();
    }

    private static String hits(String expectPrefix) {
        List<Outcome> asked = answerable().stream().filter(o -> o.question().expect().startsWith(expectPrefix))
                .toList();
        return String.format(Locale.ROOT, "%d/%d at 1, %d/%d at 3", asked.stream().filter(o -> o.hitAt(1)).count(),
                asked.size(), asked.stream().filter(o -> o.hitAt(3)).count(), asked.size());
    }

    private static double decisionAccuracy() {
        return (double) outcomes.stream().filter(Outcome::rightDecision).count() / outcomes.size();
    }

    private static void report() {
        StringBuilder out = new StringBuilder("\n=== Knowledge retrieval evaluation: ").append(entries.size())
                .append(" entries (").append(entries.stream().filter(KnowledgeEntry::isFaq).count())
                .append(" FAQ items, ").append(entries.stream().filter(e -> !e.isFaq()).count())
                .append(" passages), thresholds FAQ ").append(Ranking.FAQ_THRESHOLD).append(", passage ")
                .append(Ranking.PASSAGE_THRESHOLD).append(" ===\n");
        out.append(String.format(Locale.ROOT, "%-24s %-26s %-22s %-5s %-22s %-5s %-4s %s%n", "expect", "decided",
                "best faq", "score", "best passage", "score", "rank", "question"));
        for (Outcome o : outcomes) {
            Ranking.Scored faq = o.best(true);
            Ranking.Scored passage = o.best(false);
            int rank = 0;
            for (int i = 0; i < o.ranked().size() && rank == 0; i++) {
                if (o.question().matches(o.ranked().get(i).entry())) {
                    rank = i + 1;
                }
            }
            out.append(String.format(Locale.ROOT, "%-24s %-26s %-22s %.3f %-22s %.3f %-4s %s%n",
                    o.question().expect(), (o.rightDecision() ? "ok " : o.wrongAnswer() ? "XX " : "-- ") + o.decided(),
                    faq.entry().sourceId(), faq.score(), passage.entry().sourceId() + "#" + passage.entry().chunk(),
                    passage.score(), rank == 0 ? "-" : String.valueOf(rank), o.question().text()));
        }
        out.append(String.format(Locale.ROOT, "%nhit@1 %.3f, hit@3 %.3f over %d answerable questions%n", hitAt(1),
                hitAt(3), answerable().size()));
        out.append("  questions for an FAQ item ").append(hits("faq:")).append("; for a document ").append(hits("doc:"))
                .append('\n');
        out.append(String.format(Locale.ROOT, "decision accuracy %.3f over %d questions (%d wrong answers, %d people"
                        + " offered for answerable questions)%n", decisionAccuracy(), outcomes.size(),
                outcomes.stream().filter(Outcome::wrongAnswer).count(),
                answerable().stream().filter(o -> o.answer().kind() == KnowledgeAnswer.Kind.NONE).count()));
        out.append(String.format(Locale.ROOT, "nonsense questions answered: %d of %d (from an FAQ: %d)%n",
                nonsense().stream().filter(o -> o.answer().kind() != KnowledgeAnswer.Kind.NONE).count(),
                nonsense().size(),
                nonsense().stream().filter(o -> o.answer().kind() == KnowledgeAnswer.Kind.FAQ).count()));
        out.append(scoreRange("best FAQ score, questions for an FAQ item", "faq:", true));
        out.append(scoreRange("best FAQ score, questions for a document", "doc:", true));
        out.append(scoreRange("best FAQ score, nonsense questions", "none", true));
        out.append(scoreRange("best passage score, questions for a document", "doc:", false));
        out.append(scoreRange("best passage score, questions for an FAQ item", "faq:", false));
        out.append(scoreRange("best passage score, nonsense questions", "none", false));
        out.append(thresholdGrid());
        System.out.println(out);
    }

    private static String scoreRange(String label, String expectPrefix, boolean faq) {
        List<Double> scores = outcomes.stream().filter(o -> o.question().expect().startsWith(expectPrefix))
                .map(o -> o.best(faq).score()).sorted().toList();
        return String.format(Locale.ROOT, "%-48s min %.3f, median %.3f, max %.3f%n", label, scores.get(0),
                scores.get(scores.size() / 2), scores.get(scores.size() - 1));
    }

    /** What other thresholds would have decided, to choose them: the same rule as {@link Ranking#answer}. */
    private static String thresholdGrid() {
        StringBuilder grid = new StringBuilder("\nthresholds faq/passage: right decisions, wrong answers (of them from an FAQ), nonsense"
                + " answered\n");
        for (double faqThreshold = 0.50; faqThreshold <= 0.801; faqThreshold += 0.02) {
            for (double passageThreshold = 0.25; passageThreshold <= 0.451; passageThreshold += 0.05) {
                int right = 0;
                int wrong = 0;
                int wrongFaq = 0;
                int nonsenseAnswered = 0;
                for (Outcome o : outcomes) {
                    Ranking.Scored faq = o.best(true);
                    Ranking.Scored passage = o.best(false);
                    String decided = faq.score() >= faqThreshold ? "faq:" + faq.entry().sourceId()
                            : passage.score() >= passageThreshold ? "doc:" + passage.entry().sourceId() : "none";
                    if (decided.equals(o.question().expect())) {
                        right++;
                    } else if (!"none".equals(decided)) {
                        wrong++;
                        if (decided.startsWith("faq:")) {
                            wrongFaq++;
                        }
                        if (!o.question().answerable()) {
                            nonsenseAnswered++;
                        }
                    }
                }
                grid.append(String.format(Locale.ROOT, "%.2f/%.2f: %2d %d(%d) %d   ", faqThreshold,
                        passageThreshold, right, wrong, wrongFaq, nonsenseAnswered));
            }
            grid.append('\n');
        }
        return grid.toString();
    }

    /*
     * The floors, from what was measured (53 questions, thresholds FAQ 0.72 / passage 0.40), documents searched by
     * windows of 120 words ({@link Windows}): hit@1 0.810 (34 of 42 answerable), hit@3 0.929 (39/42), right
     * decisions 0.566 (30/53), 3 wrong answers (all passages, none from an FAQ), no out-of-scope question answered.
     * Embedding whole 500-word passages measured hit@1 0.667, hit@3 0.810, decisions 0.434: the model was trained on
     * short texts and one vector for 500 words blurs them (5 of 15 document questions found their passage first,
     * against 11 with windows). The model runs on the CPU and is deterministic, so the figures only move when the
     * model, the splitting, the text embedded or the thresholds change; the floors leave room for two or three
     * questions to flip and fail on anything that makes retrieval clearly worse. Most wrong decisions are safe ones:
     * the right FAQ item ranks first but under 0.72, and the contact is offered a person. Swahili questions are the
     * known weak spot of this English model.
     */

    @Test
    void theRightEntryIsFirstForAtLeast75PercentOfAnswerableQuestions() {
        assertThat(hitAt(1)).isGreaterThanOrEqualTo(0.75);
    }

    @Test
    void theRightEntryIsAmongTheFirstThreeForAtLeast88PercentOfAnswerableQuestions() {
        assertThat(hitAt(3)).isGreaterThanOrEqualTo(0.88);
    }

    @Test
    void atLeastHalfTheQuestionsGetTheRightDecision() {
        assertThat(decisionAccuracy()).isGreaterThanOrEqualTo(0.50);
    }

    /**
     * Offering a person is the safe failure; an answer from the wrong source is the bad one. Out-of-scope questions
     * scored at most 0.399 against an FAQ item (threshold 0.72) and 0.339 against a passage window (0.40); a wrong FAQ item
     * scored at most 0.676 on any question, so no FAQ answer at all is given from the wrong item.
     */
    @Test
    void nothingOutOfScopeIsAnsweredAndNoFaqAnswerComesFromTheWrongItem() {
        assertThat(nonsense()).allSatisfy(o -> assertThat(o.answer().kind()).as(o.question().text())
                .isEqualTo(KnowledgeAnswer.Kind.NONE));
        assertThat(outcomes).filteredOn(o -> o.answer().kind() == KnowledgeAnswer.Kind.FAQ)
                .allSatisfy(o -> assertThat(o.rightDecision()).as(o.question().text()).isTrue());
        assertThat(outcomes.stream().filter(Outcome::wrongAnswer)).hasSizeLessThanOrEqualTo(3);
    }

    @Test
    void aQuestionFindsItsFaqAnswerAndANonsenseQuestionOffersAPerson() {
        String question = "is the venue wheelchair accessible";
        KnowledgeAnswer answered = Ranking.answer(question, Ranking.rank(embeddings.embed(question), entries), 0);
        assertThat(answered.kind()).isEqualTo(KnowledgeAnswer.Kind.FAQ);
        assertThat(answered.sourceId()).isEqualTo("accessibility");
        assertThat(answered.knowledgeBaseId()).isEqualTo(KNOWLEDGE_BASE);
        assertThat(answered.text()).startsWith("Yes. All halls at KICC have ramps or lifts");

        KnowledgeAnswer nonsense = Ranking.answer("asdfgh", Ranking.rank(embeddings.embed("asdfgh"), entries), 0);
        assertThat(nonsense.kind()).isEqualTo(KnowledgeAnswer.Kind.NONE);
        assertThat(nonsense.text()).isNull();
        assertThat(nonsense.matches()).hasSize(Ranking.LOGGED_MATCHES);
    }

    @Test
    void theSampleIsTheSizeItClaims() {
        assertThat(answerable().stream().filter(o -> o.question().expect().startsWith("faq:"))).hasSizeGreaterThanOrEqualTo(25);
        assertThat(answerable().stream().filter(o -> o.question().expect().startsWith("doc:"))).hasSizeGreaterThanOrEqualTo(10);
        assertThat(nonsense()).hasSizeGreaterThanOrEqualTo(6);
    }
}
