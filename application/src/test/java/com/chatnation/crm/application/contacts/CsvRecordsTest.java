package com.chatnation.crm.application.contacts;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CsvRecordsTest {

    @Test
    void readsPlainAndQuotedFieldsWithEitherLineEnding() {
        assertThat(CsvRecords.parse("phone,name\r\n+254711000001,\"Frank, Jr.\"\n+254711000002,\"Say \"\"hi\"\"\"\n"))
                .containsExactly(List.of("phone", "name"), List.of("+254711000001", "Frank, Jr."),
                        List.of("+254711000002", "Say \"hi\""));
    }

    @Test
    void aQuotedFieldMayHoldALineBreak() {
        assertThat(CsvRecords.parse("a,b\n1,\"two\nlines\"")).containsExactly(List.of("a", "b"),
                List.of("1", "two\nlines"));
    }

    @Test
    void emptyFieldsCountAndBlankLinesDoNot() {
        assertThat(CsvRecords.parse("a,b,c\n\n1,,\n\r\n")).containsExactly(List.of("a", "b", "c"), List.of("1", "", ""));
    }

    @Test
    void theByteOrderMarkIsSkipped() {
        assertThat(CsvRecords.parse("\uFEFFphone\n+254711000001")).containsExactly(List.of("phone"),
                List.of("+254711000001"));
    }

    @Test
    void aQuoteLeftOpenIsRefused() {
        assertThatThrownBy(() -> CsvRecords.parse("a,b\n1,\"open\n2,3\n"))
                .isInstanceOf(CsvRecords.UnclosedQuote.class).hasMessageContaining("record 2");
    }
}
