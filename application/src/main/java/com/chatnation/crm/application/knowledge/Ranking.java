package com.chatnation.crm.application.knowledge;

import com.chatnation.crm.domain.knowledge.KnowledgeAnswer;
import com.chatnation.crm.domain.knowledge.KnowledgeMatch;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Picks the answer to a question among a knowledge base's entries by cosine similarity of their embeddings: the best
 * FAQ item when it is close enough ({@link #FAQ_THRESHOLD}: an FAQ answer is given as the organization's own
 * answer, so it must really be the same question), else the best passage above {@link #PASSAGE_THRESHOLD}, quoted
 * around its sentences that share most words with the question; else nothing, and the bot offers a person. The
 * thresholds come from the evaluation set in the tests ({@code KnowledgeRetrievalEvaluationTest}).
 */
final class Ranking {

    static final double FAQ_THRESHOLD = 0.72;
    static final double PASSAGE_THRESHOLD = 0.40;
    /** Candidates kept in the query log. */
    static final int LOGGED_MATCHES = 5;
    /** What is quoted of a passage: WhatsApp's interactive body takes 1,024 characters, the title and quotes some. */
    static final int QUOTE = 800;
    private static final Set<String> STOP_WORDS = Set.of("the", "a", "an", "is", "are", "do", "does", "i", "you",
            "to", "of", "and", "or", "in", "on", "at", "for", "my", "your", "can", "what", "how", "when", "where",
            "which", "who", "it", "be", "with", "there", "this", "that", "we", "our", "will", "if", "me", "any");

    private Ranking() {
    }

    /** The entries best first, each with its similarity to the question. */
    static List<Scored> rank(float[] question, List<KnowledgeEntry> entries) {
        List<Scored> scored = new ArrayList<>(entries.size());
        for (KnowledgeEntry entry : entries) {
            scored.add(new Scored(entry, cosine(question, entry.vector())));
        }
        scored.sort(Comparator.comparingDouble(Scored::score).reversed());
        return scored;
    }

    static KnowledgeAnswer answer(String question, List<Scored> ranked, long latencyMillis) {
        List<KnowledgeMatch> matches = ranked.stream().limit(LOGGED_MATCHES)
                .map(s -> new KnowledgeMatch(s.entry().sourceType(), s.entry().sourceId(),
                        s.entry().isFaq() ? null : s.entry().chunk(), Math.round(s.score() * 1000) / 1000.0))
                .toList();
        Scored faq = ranked.stream().filter(s -> s.entry().isFaq()).findFirst().orElse(null);
        if (faq != null && faq.score() >= FAQ_THRESHOLD) {
            return new KnowledgeAnswer(KnowledgeAnswer.Kind.FAQ, faq.entry().knowledgeBaseId(), faq.entry().sourceId(),
                    faq.entry().content(), faq.entry().answer(), matches, latencyMillis);
        }
        Scored passage = ranked.stream().filter(s -> !s.entry().isFaq()).findFirst().orElse(null);
        if (passage != null && passage.score() >= PASSAGE_THRESHOLD) {
            return new KnowledgeAnswer(KnowledgeAnswer.Kind.PASSAGE, passage.entry().knowledgeBaseId(),
                    passage.entry().sourceId(), passage.entry().title(), quote(question, passage.entry().content()),
                    matches, latencyMillis);
        }
        return KnowledgeAnswer.none(matches, latencyMillis);
    }

    /**
     * The part of a passage worth quoting: the sentence sharing most words with the question, with the sentences
     * around it while they fit in {@link #QUOTE} characters.
     */
    static String quote(String question, String passage) {
        List<String> sentences = List.of(passage.split("(?<=[.!?])\\s+"));
        Set<String> asked = words(question);
        int best = 0;
        long bestShared = -1;
        for (int i = 0; i < sentences.size(); i++) {
            long shared = words(sentences.get(i)).stream().filter(asked::contains).count();
            if (shared > bestShared) {
                bestShared = shared;
                best = i;
            }
        }
        int from = best;
        int to = best + 1;
        int length = sentences.get(best).length();
        while (true) {
            boolean grew = false;
            if (to < sentences.size() && length + sentences.get(to).length() + 1 <= QUOTE) {
                length += sentences.get(to++).length() + 1;
                grew = true;
            }
            if (from > 0 && length + sentences.get(from - 1).length() + 1 <= QUOTE) {
                length += sentences.get(--from).length() + 1;
                grew = true;
            }
            if (!grew) {
                break;
            }
        }
        String quoted = String.join(" ", sentences.subList(from, to));
        return quoted.length() <= QUOTE ? quoted : quoted.substring(0, QUOTE - 1) + "…";
    }

    private static Set<String> words(String text) {
        Set<String> words = new java.util.HashSet<>();
        for (String word : text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
            if (word.length() > 1 && !STOP_WORDS.contains(word)) {
                words.add(word);
            }
        }
        return words;
    }

    static double cosine(float[] a, float[] b) {
        double dot = 0;
        double normA = 0;
        double normB = 0;
        for (int i = 0; i < a.length; i++) {
            dot += a[i] * b[i];
            normA += a[i] * a[i];
            normB += b[i] * b[i];
        }
        return normA == 0 || normB == 0 ? 0 : dot / Math.sqrt(normA * normB);
    }

    record Scored(KnowledgeEntry entry, double score) {
    }
}
