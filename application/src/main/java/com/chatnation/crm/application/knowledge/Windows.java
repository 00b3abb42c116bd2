package com.chatnation.crm.application.knowledge;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The windows of a passage that are embedded and searched. A document is kept in passages of about 500 words (what
 * {@code DocumentAdded} records), but all-MiniLM-L6-v2 was trained on sentences and short paragraphs: one vector for
 * 500 words blurs every topic in them, and the evaluation set found the right passage first for only 5 of its 15
 * document questions. Windows of {@value #WORDS} words, each starting {@value #STRIDE} words after the previous one,
 * are sharp enough to match a question and short enough to quote.
 */
final class Windows {

    static final int WORDS = 120;
    static final int STRIDE = 90;

    private Windows() {
    }

    static List<String> of(String passage) {
        String[] words = passage.strip().split("\\s+");
        List<String> windows = new ArrayList<>();
        if (words.length == 0 || words[0].isEmpty()) {
            return windows;
        }
        for (int start = 0; ; start += STRIDE) {
            int end = Math.min(start + WORDS, words.length);
            windows.add(String.join(" ", Arrays.copyOfRange(words, start, end)));
            if (end == words.length) {
                return windows;
            }
        }
    }
}
