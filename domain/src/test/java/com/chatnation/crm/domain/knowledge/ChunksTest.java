package com.chatnation.crm.domain.knowledge;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** Splitting a document into overlapping passages of about 500 words, ending at a sentence when one is near. */
class ChunksTest {

    /** {@code w0 w1 … w(n-1)}: distinct words, none ending a sentence. */
    private static List<String> words(int n) {
        return IntStream.range(0, n).mapToObj(i -> "w" + i).toList();
    }

    private static List<String> wordsOf(String passage) {
        return Arrays.asList(passage.split(" "));
    }

    private static boolean endsASentence(String word) {
        return word.endsWith(".") || word.endsWith("?") || word.endsWith("!") || word.endsWith(":");
    }

    /** The index in {@code all} of each passage's first word, checking the passage is a run of consecutive words. */
    private static List<Integer> starts(List<String> passages, List<String> all) {
        List<Integer> starts = new ArrayList<>();
        for (String passage : passages) {
            List<String> words = wordsOf(passage);
            int start = all.indexOf(words.get(0));
            assertThat(start).as("first word of a passage is in the text").isGreaterThanOrEqualTo(0);
            assertThat(all.subList(start, start + words.size())).as("a passage is consecutive words")
                    .isEqualTo(words);
            starts.add(start);
        }
        return starts;
    }

    @Test
    void aShortTextIsOnePassageWithItsWhitespaceNormalized() {
        assertThat(Chunks.of("  Doors open\tat 9.\n\nParking   is free.  "))
                .containsExactly("Doors open at 9. Parking is free.");
    }

    @Test
    void aTextOfExactlyFiveHundredWordsIsOnePassage() {
        List<String> all = words(Chunks.WORDS);
        assertThat(Chunks.of(String.join("\n", all))).containsExactly(String.join(" ", all));
    }

    @Test
    void aTextOfFiveHundredAndOneWordsIsTwoPassagesOverlappingByFifty() {
        List<String> all = words(501);
        assertThat(Chunks.of(String.join(" ", all))).containsExactly(
                String.join(" ", all.subList(0, 500)), String.join(" ", all.subList(450, 501)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", " \n\t \r\n "})
    void aBlankTextHasNoPassages(String text) {
        assertThat(Chunks.of(text)).isEmpty();
    }

    @Test
    void withoutSentenceEndsPassagesAreFiveHundredWordsEachStartingFiftyBeforeThePreviousEnded() {
        List<String> all = words(1_200);
        List<String> passages = Chunks.of(String.join(" ", all));

        assertThat(passages).containsExactly(
                String.join(" ", all.subList(0, 500)),
                String.join(" ", all.subList(450, 950)),
                String.join(" ", all.subList(900, 1_200)));
        assertThat(wordsOf(passages.get(0))).hasSize(Chunks.WORDS);
        assertThat(wordsOf(passages.get(1))).hasSize(Chunks.WORDS);
        assertThat(wordsOf(passages.get(2)).get(wordsOf(passages.get(2)).size() - 1)).isEqualTo("w1199");
        List<String> covered = passages.stream().flatMap(p -> wordsOf(p).stream()).distinct().toList();
        assertThat(covered).isEqualTo(all);
    }

    @Test
    void aPassageEndsAtTheLastSentenceEndWithinAHundredWordsBeforeTheTarget() {
        List<String> all = new ArrayList<>(words(1_200));
        all.set(429, "w429."); // the 430th word: 70 words before the target of 500
        all.set(459, "w459?"); // the 460th: the latest sentence end before the target
        all.set(350, "w350!"); // too far before the target to matter
        List<String> passages = Chunks.of(String.join(" ", all));

        assertThat(wordsOf(passages.get(0))).hasSize(460).endsWith("w459?");
        assertThat(wordsOf(passages.get(1))).startsWith("w410"); // 50 words before the first ended
        List<Integer> starts = starts(passages, all);
        assertThat(starts.get(1)).isEqualTo(460 - Chunks.OVERLAP);
    }

    @Test
    void aSentenceEndMoreThanAHundredWordsBeforeTheTargetIsNotUsed() {
        List<String> all = new ArrayList<>(words(1_200));
        all.set(399, "w399."); // the 400th word: 100 words before the target, just out of reach
        List<String> passages = Chunks.of(String.join(" ", all));

        assertThat(wordsOf(passages.get(0))).hasSize(Chunks.WORDS).endsWith("w499");
    }

    @Test
    void aSentenceEndNinetyNineWordsBeforeTheTargetIsUsed() {
        List<String> all = new ArrayList<>(words(1_200));
        all.set(400, "w400:"); // the 401st word
        List<String> passages = Chunks.of(String.join(" ", all));

        assertThat(wordsOf(passages.get(0))).hasSize(401).endsWith("w400:");
        assertThat(wordsOf(passages.get(1))).startsWith("w351");
    }

    @Test
    void aSentenceEndingAtTheTargetEndsThePassageThere() {
        List<String> all = new ArrayList<>(words(700));
        all.set(499, "w499.");
        all.set(480, "w480.");
        assertThat(wordsOf(Chunks.of(String.join(" ", all)).get(0))).hasSize(500).endsWith("w499.");
    }

    @Test
    void everyPassageButTheLastOfProseEndsAtASentenceWithinTheLastHundredWords() {
        Random random = new Random(7);
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 3_000; i++) {
            text.append("word").append(i);
            if (random.nextInt(15) == 0) {
                text.append(". ");
            } else {
                text.append(random.nextInt(10) == 0 ? "\n" : " ");
            }
        }
        List<String> passages = Chunks.of(text.toString());

        assertThat(passages).hasSizeGreaterThan(5);
        for (String passage : passages.subList(0, passages.size() - 1)) {
            List<String> words = wordsOf(passage);
            assertThat(words.size()).isBetween(Chunks.WORDS - 99, Chunks.WORDS);
            assertThat(words.get(words.size() - 1)).matches("word\\d+\\.");
        }
        assertThat(wordsOf(passages.get(passages.size() - 1))).endsWith("word2999");
    }

    @Test
    void aTextWithOnlySentenceEndsStillMovesForward() {
        List<String> all = IntStream.range(0, 2_000).mapToObj(i -> "w" + i + ".").toList();
        List<String> passages = Chunks.of(String.join(" ", all));

        List<Integer> starts = starts(passages, all);
        for (int i = 1; i < starts.size(); i++) {
            assertThat(starts.get(i)).isGreaterThan(starts.get(i - 1));
        }
        assertThat(passages.subList(0, passages.size() - 1))
                .allSatisfy(p -> assertThat(wordsOf(p)).hasSize(Chunks.WORDS));
        assertThat(starts).containsExactly(0, 450, 900, 1_350, 1_800);
        assertThat(wordsOf(passages.get(passages.size() - 1))).hasSize(200).endsWith("w1999.");
    }

    @Test
    void generatedTextsAreCoveredInOrderByNonEmptyOverlappingPassages() {
        Random random = new Random(42);
        for (int run = 0; run < 40; run++) {
            int n = 1 + random.nextInt(2_500);
            List<String> all = new ArrayList<>();
            StringBuilder text = new StringBuilder(random.nextBoolean() ? "  " : "");
            for (int i = 0; i < n; i++) {
                String word = "w" + i + switch (random.nextInt(12)) {
                    case 0 -> ".";
                    case 1 -> "?";
                    case 2 -> "!";
                    case 3 -> ":";
                    default -> "";
                };
                all.add(word);
                text.append(word).append(switch (random.nextInt(6)) {
                    case 0 -> "\n\n";
                    case 1 -> "\t";
                    case 2 -> "   ";
                    default -> " ";
                });
            }
            List<String> passages = Chunks.of(text.toString());

            assertThat(passages).as("run %d of %d words", run, n).isNotEmpty()
                    .allSatisfy(p -> assertThat(p).isNotBlank());
            List<Integer> starts = starts(passages, all);
            assertThat(starts.get(0)).isZero();
            int coveredUpTo = 0; // exclusive
            for (int i = 0; i < passages.size(); i++) {
                int size = wordsOf(passages.get(i)).size();
                assertThat(size).as("run %d passage %d", run, i).isBetween(1, Chunks.WORDS);
                if (i > 0) {
                    assertThat(starts.get(i)).as("run %d passage %d starts %d words before the previous ended",
                            run, i, Chunks.OVERLAP).isEqualTo(coveredUpTo - Chunks.OVERLAP);
                }
                if (i < passages.size() - 1) {
                    assertThat(size).isGreaterThan(Chunks.OVERLAP);
                    String last = wordsOf(passages.get(i)).get(size - 1);
                    if (size < Chunks.WORDS) {
                        assertThat(endsASentence(last)).as("a shortened passage ends a sentence: " + last).isTrue();
                    }
                    int target = starts.get(i) + Chunks.WORDS;
                    int expectedEnd = target;
                    for (int j = target - 1; j >= target - 100; j--) {
                        if (endsASentence(all.get(j))) {
                            expectedEnd = j + 1;
                            break;
                        }
                    }
                    assertThat(starts.get(i) + size).as("run %d passage %d ends at the latest sentence end in reach",
                            run, i).isEqualTo(expectedEnd);
                }
                coveredUpTo = starts.get(i) + size;
            }
            assertThat(coveredUpTo).as("run %d: the last passage ends with the last word", run).isEqualTo(n);
            List<String> inOrder = passages.stream().flatMap(p -> wordsOf(p).stream()).distinct().toList();
            assertThat(inOrder).isEqualTo(all);
        }
    }
}
