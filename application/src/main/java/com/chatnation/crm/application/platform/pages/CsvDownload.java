package com.chatnation.crm.application.platform.pages;

import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Function;

/**
 * A table of a page as a CSV file (RFC 4180, UTF-8 with a byte-order mark so spreadsheet programs read non-ASCII
 * names right). Cells a spreadsheet would run as a formula ({@code = + - @}, tab, carriage return) get a leading
 * apostrophe: a contact named "=HYPERLINK(…)" must not become a link in the organizer's Excel.
 */
public final class CsvDownload<T> {

    private final List<String> headers;
    private final List<Function<T, Object>> columns;

    private CsvDownload(List<String> headers, List<Function<T, Object>> columns) {
        this.headers = headers;
        this.columns = columns;
    }

    public static <T> CsvDownload<T> of(List<String> headers, List<Function<T, Object>> columns) {
        if (headers.size() != columns.size()) {
            throw new IllegalArgumentException("one header per column");
        }
        return new CsvDownload<>(List.copyOf(headers), List.copyOf(columns));
    }

    public void write(HttpServletResponse response, String fileName, Iterable<T> rows) {
        response.setContentType("text/csv;charset=UTF-8");
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION,
                ContentDisposition.attachment().filename(fileName, StandardCharsets.UTF_8).build().toString());
        try {
            Writer out = response.getWriter();
            out.write('\uFEFF');
            line(out, headers);
            for (T row : rows) {
                line(out, columns.stream().map(column -> column.apply(row)).toList());
            }
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void line(Writer out, List<?> cells) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                line.append(',');
            }
            line.append(cell(cells.get(i)));
        }
        out.write(line.append("\r\n").toString());
    }

    static String cell(Object value) {
        if (value == null) {
            return "";
        }
        String text = value.toString();
        if (!text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0 && !(value instanceof Number)) {
            text = "'" + text;
        }
        if (text.contains(",") || text.contains("\"") || text.contains("\n") || text.contains("\r")) {
            return '"' + text.replace("\"", "\"\"") + '"';
        }
        return text;
    }
}
