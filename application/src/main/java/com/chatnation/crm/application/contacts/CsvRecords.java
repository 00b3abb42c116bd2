package com.chatnation.crm.application.contacts;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads CSV as RFC 4180 writes it (and spreadsheets export it): comma-separated, fields in double quotes may hold
 * commas, line breaks and doubled quotes, lines end with CRLF or LF, a UTF-8 byte order mark is skipped. Blank
 * lines are left out. A quote left open is the only malformation: it makes the rest of the file one field.
 */
final class CsvRecords {

    private CsvRecords() {
    }

    /** Thrown when a quoted field never closes. */
    static final class UnclosedQuote extends RuntimeException {
        UnclosedQuote(int record) {
            super("a quoted field opened in record " + record + " never closes");
        }
    }

    static List<List<String>> parse(String text) {
        List<List<String>> records = new ArrayList<>();
        List<String> record = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        boolean fieldStarted = false;
        int i = text.startsWith("\uFEFF") ? 1 : 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"') {
                    if (i + 1 < text.length() && text.charAt(i + 1) == '"') {
                        field.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    field.append(c);
                }
            } else if (c == '"' && field.isEmpty()) {
                quoted = true;
                fieldStarted = true;
            } else if (c == ',') {
                record.add(field.toString());
                field.setLength(0);
                fieldStarted = true;
            } else if (c == '\n' || c == '\r') {
                if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
                end(records, record, field, fieldStarted);
                record = new ArrayList<>();
                fieldStarted = false;
            } else {
                field.append(c);
                fieldStarted = true;
            }
            i++;
        }
        if (quoted) {
            throw new UnclosedQuote(records.size() + 1);
        }
        end(records, record, field, fieldStarted);
        return records;
    }

    private static void end(List<List<String>> records, List<String> record, StringBuilder field, boolean started) {
        if (!started && record.isEmpty()) {
            return; // a blank line
        }
        record.add(field.toString());
        field.setLength(0);
        records.add(record);
    }
}
