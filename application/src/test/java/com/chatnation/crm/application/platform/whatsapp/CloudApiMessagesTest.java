package com.chatnation.crm.application.platform.whatsapp;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CloudApiMessagesTest {

    @Test
    void leavesTextThatFitsAlone() {
        assertThat(CloudApiMessages.truncate("exactly twenty chars", 20)).isEqualTo("exactly twenty chars");
    }

    @Test
    void shortensWithAnEllipsisToTheLimit() {
        assertThat(CloudApiMessages.truncate("twenty-one characters", 20))
                .isEqualTo("twenty-one characte\u2026")
                .hasSize(20);
    }

    @Test
    void neverSplitsAnEmoji() {
        String title = "a".repeat(18) + "\uD83D\uDE00" + "bb"; // 😀 occupies positions 18 and 19

        String shortened = CloudApiMessages.truncate(title, 20);

        assertThat(shortened).isEqualTo("a".repeat(18) + "\u2026");
        assertThat(shortened.chars().noneMatch(c -> Character.isSurrogate((char) c))).isTrue();
    }

    @Test
    void keepsAnEmojiThatFitsWhole() {
        String title = "a".repeat(17) + "\uD83D\uDE00" + "bb";

        assertThat(CloudApiMessages.truncate(title, 20)).isEqualTo("a".repeat(17) + "\uD83D\uDE00\u2026");
    }
}
