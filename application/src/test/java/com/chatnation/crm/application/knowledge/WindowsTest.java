package com.chatnation.crm.application.knowledge;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class WindowsTest {

    private static String words(int from, int to) {
        return String.join(" ", IntStream.range(from, to).mapToObj(i -> "w" + i).toList());
    }

    @Test
    void aShortPassageIsOneWindowAndABlankOneNone() {
        assertThat(Windows.of("  a   b c ")).containsExactly("a b c");
        assertThat(Windows.of("   ")).isEmpty();
    }

    @Test
    void windowsOf120WordsStartEvery90WordsAndTheLastEndsWithThePassage() {
        List<String> windows = Windows.of(words(0, 500));

        assertThat(windows).containsExactly(words(0, 120), words(90, 210), words(180, 300), words(270, 390),
                words(360, 480), words(450, 500));
        List<String> covered = new ArrayList<>();
        windows.forEach(window -> covered.addAll(List.of(window.split(" "))));
        assertThat(covered).containsAll(List.of(words(0, 500).split(" ")));
    }

    @Test
    void aPassageOfExactlyOneWindowIsNotRepeated() {
        assertThat(Windows.of(words(0, 120))).containsExactly(words(0, 120));
    }
}
