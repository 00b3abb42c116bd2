package com.chatnation.crm.application.knowledge;

import com.chatnation.crm.domain.knowledge.KnowledgeAnswer;
import com.chatnation.crm.domain.knowledge.KnowledgeMatch;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class RankingTest {

    private static final float[] QUESTION = {1, 0, 0};

    /** A unit vector whose cosine with {@link #QUESTION} is {@code similarity}. */
    private static float[] at(double similarity) {
        return new float[]{(float) similarity, (float) Math.sqrt(1 - similarity * similarity), 0};
    }

    private static KnowledgeEntry faq(String id, double similarity) {
        return new KnowledgeEntry("kb-1", KnowledgeEntry.FAQ, id, 0, null, "question " + id, "answer " + id,
                at(similarity));
    }

    private static KnowledgeEntry passage(String document, int chunk, double similarity) {
        return new KnowledgeEntry("kb-1", KnowledgeEntry.PASSAGE, document, chunk, "Title of " + document,
                "Passage " + chunk + " of " + document + ".", null, at(similarity));
    }

    private static KnowledgeAnswer answer(List<KnowledgeEntry> entries) {
        return Ranking.answer("a question", Ranking.rank(QUESTION, entries), 12);
    }

    @Test
    void anFaqItemAboveItsThresholdWinsOverACloserPassage() {
        KnowledgeAnswer answer = answer(List.of(passage("doc-1", 0, 0.95), faq("faq-2", Ranking.FAQ_THRESHOLD - 0.1),
                faq("faq-1", Ranking.FAQ_THRESHOLD + 0.03)));

        assertThat(answer.kind()).isEqualTo(KnowledgeAnswer.Kind.FAQ);
        assertThat(answer.knowledgeBaseId()).isEqualTo("kb-1");
        assertThat(answer.sourceId()).isEqualTo("faq-1");
        assertThat(answer.sourceTitle()).isEqualTo("question faq-1");
        assertThat(answer.text()).isEqualTo("answer faq-1");
        assertThat(answer.latencyMillis()).isEqualTo(12);
        assertThat(answer.matches()).extracting(KnowledgeMatch::sourceId).containsExactly("doc-1", "faq-1", "faq-2");
    }

    @Test
    void anFaqItemBelowItsThresholdFallsToTheBestPassageQuotedWithItsTitle() {
        KnowledgeAnswer answer = answer(List.of(faq("faq-1", Ranking.FAQ_THRESHOLD - 0.02),
                passage("doc-1", 3, Ranking.PASSAGE_THRESHOLD + 0.05), passage("doc-2", 0, Ranking.PASSAGE_THRESHOLD + 0.01)));

        assertThat(answer.kind()).isEqualTo(KnowledgeAnswer.Kind.PASSAGE);
        assertThat(answer.sourceId()).isEqualTo("doc-1");
        assertThat(answer.sourceTitle()).isEqualTo("Title of doc-1");
        assertThat(answer.text()).isEqualTo("Passage 3 of doc-1.");
        assertThat(answer.matches().get(0)).isEqualTo(new KnowledgeMatch(KnowledgeEntry.FAQ, "faq-1", null,
                Math.round((Ranking.FAQ_THRESHOLD - 0.02) * 1000) / 1000.0));
        assertThat(answer.matches().get(1).chunk()).isEqualTo(3);
    }

    @Test
    void nothingCloseEnoughAnswersNothingAndLogsTheFiveBestCandidatesBestFirst() {
        List<KnowledgeEntry> entries = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            entries.add(faq("faq-" + i, 0.1 * i));
            entries.add(passage("doc-" + i, i, 0.1 * i + 0.05));
        }

        KnowledgeAnswer answer = answer(entries);

        assertThat(answer.kind()).isEqualTo(KnowledgeAnswer.Kind.NONE);
        assertThat(answer.sourceId()).isNull();
        assertThat(answer.text()).isNull();
        assertThat(answer.latencyMillis()).isEqualTo(12);
        assertThat(answer.matches()).hasSize(Ranking.LOGGED_MATCHES);
        assertThat(answer.matches()).extracting(KnowledgeMatch::sourceId)
                .containsExactly("doc-3", "faq-3", "doc-2", "faq-2", "doc-1");
        assertThat(answer.matches()).extracting(KnowledgeMatch::score).containsExactly(0.35, 0.3, 0.25, 0.2, 0.15);
    }

    @Test
    void anEmptyKnowledgeBaseAnswersNothing() {
        KnowledgeAnswer answer = answer(List.of());

        assertThat(answer.kind()).isEqualTo(KnowledgeAnswer.Kind.NONE);
        assertThat(answer.matches()).isEmpty();
    }

    @Test
    void cosineOfIdenticalVectorsIsOneOfOrthogonalOnesZeroAndOfAZeroVectorZero() {
        float[] vector = {0.3f, -1.2f, 2.5f};

        assertThat(Ranking.cosine(vector, vector)).isCloseTo(1, within(1e-6));
        assertThat(Ranking.cosine(vector, new float[]{0.6f, -2.4f, 5f})).isCloseTo(1, within(1e-6));
        assertThat(Ranking.cosine(new float[]{1, 0, 0}, new float[]{0, 3, 0})).isZero();
        assertThat(Ranking.cosine(new float[]{1, 1}, new float[]{-1, -1})).isCloseTo(-1, within(1e-6));
        assertThat(Ranking.cosine(vector, new float[3])).isZero();
        assertThat(Ranking.cosine(new float[3], new float[3])).isZero();
    }

    /** Sentences of about 150 characters, the one about parking in the middle. */
    private static List<String> sentences() {
        List<String> sentences = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            sentences.add(i == 7
                    ? "Parking inside the convention centre costs three hundred shillings a day and fills up early on"
                    + " weekday mornings, so arrive before eight."
                    : "Sentence number " + i + " talks about the exhibition hall, the registration desks and the"
                    + " sessions that run all day long in the rooms.");
        }
        return sentences;
    }

    @Test
    void quoteKeepsTheSentenceSharingMostWordsWithTheQuestionAndItsNeighboursWithin800Characters() {
        String passage = String.join(" ", sentences());
        assertThat(passage.length()).isGreaterThan(Ranking.QUOTE);

        String quote = Ranking.quote("how much does parking cost per day?", passage);

        assertThat(quote).contains(sentences().get(7)).contains(sentences().get(6)).contains(sentences().get(8));
        assertThat(quote.length()).isLessThanOrEqualTo(Ranking.QUOTE);
        assertThat(passage).contains(quote);
        assertThat(quote).doesNotContain(sentences().get(0));
        // grown while a neighbour still fits: one more sentence would not
        assertThat(quote.length() + sentences().get(0).length() + 1).isGreaterThan(Ranking.QUOTE);
    }

    @Test
    void quoteOfASentenceAtTheStartTakesTheSentencesAfterIt() {
        List<String> sentences = new ArrayList<>(sentences());
        sentences.add(0, sentences.remove(7));
        String passage = String.join(" ", sentences);

        String quote = Ranking.quote("parking price", passage);

        assertThat(quote).startsWith("Parking inside the convention centre").contains(sentences.get(1));
        assertThat(quote.length()).isLessThanOrEqualTo(Ranking.QUOTE);
    }

    @Test
    void aShortPassageIsQuotedWhole() {
        String passage = "Gates open at 7:30 am. The first keynote starts at 9:00 am! Is the hall open late? It closes"
                + " at 6:00 pm.";

        assertThat(Ranking.quote("when does the hall close", passage)).isEqualTo(passage);
    }

    @Test
    void aQuoteIsNeverLongerThan800CharactersEvenFromOneEndlessSentence() {
        String endless = "word ".repeat(1000).strip();

        String quote = Ranking.quote("word", endless);

        assertThat(quote).hasSize(Ranking.QUOTE).endsWith("…");
        assertThat(Ranking.quote("nothing in common", "alpha beta. " + endless)).hasSizeLessThanOrEqualTo(Ranking.QUOTE);
    }
}
