package com.chatnation.crm.domain.knowledge;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a document into passages of about {@link #WORDS} words, each starting {@link #OVERLAP} words before the
 * previous one ended, so a sentence cut at a boundary is whole in one of the two. Passages are cut at a paragraph or
 * sentence end near the target when there is one, since a quoted passage that stops mid-sentence reads badly.
 */
public final class Chunks {

    public static final int WORDS = 500;
    public static final int OVERLAP = 50;
    /** How far before the target a passage may end to end at a sentence. */
    private static final int SLACK = 100;

    private Chunks() {
    }

    public static List<String> of(String text) {
        String[] words = text.strip().split("\\s+");
        List<String> chunks = new ArrayList<>();
        if (words.length == 0 || words[0].isEmpty()) {
            return chunks;
        }
        int start = 0;
        while (start < words.length) {
            int end = Math.min(start + WORDS, words.length);
            if (end < words.length) {
                for (int i = end; i > end - SLACK && i > start + OVERLAP; i--) {
                    if (endsASentence(words[i - 1])) {
                        end = i;
                        break;
                    }
                }
            }
            chunks.add(String.join(" ", java.util.Arrays.copyOfRange(words, start, end)));
            if (end == words.length) {
                break;
            }
            start = end - OVERLAP;
        }
        return chunks;
    }

    private static boolean endsASentence(String word) {
        return word.endsWith(".") || word.endsWith("?") || word.endsWith("!") || word.endsWith(":");
    }
}
