package com.chatnation.crm.application.knowledge;

import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;

import java.util.Locale;

/**
 * The upload form's text field, kept as typed when the upload is refused (a browser cannot be given the file back),
 * and how an uploaded file's kind is told: by its extension, which is what the member chose, and by the content type
 * the browser sent when the name says nothing (browsers send {@code application/octet-stream} or nothing at all for
 * a Markdown file on many systems, so the type alone is not enough).
 */
record DocumentForm(String title) {

    static DocumentForm empty() {
        return new DocumentForm("");
    }

    /** {@link DocumentText}'s source type of the file, or null when it is none of PDF, Markdown and plain text. */
    static String sourceType(String fileName, String contentType) {
        String name = fileName == null ? "" : fileName.strip().toLowerCase(Locale.ROOT);
        if (name.endsWith(".pdf")) {
            return DocumentText.PDF;
        }
        if (name.endsWith(".md") || name.endsWith(".markdown")) {
            return DocumentText.MARKDOWN;
        }
        if (name.endsWith(".txt")) {
            return DocumentText.TEXT;
        }
        if (contentType == null || contentType.isBlank()) {
            return null;
        }
        try {
            MediaType type = MediaType.parseMediaType(contentType);
            return switch (type.getType() + "/" + type.getSubtype()) {
                case MediaType.APPLICATION_PDF_VALUE -> DocumentText.PDF;
                case MediaType.TEXT_MARKDOWN_VALUE, "text/x-markdown" -> DocumentText.MARKDOWN;
                case MediaType.TEXT_PLAIN_VALUE -> DocumentText.TEXT;
                default -> null;
            };
        } catch (InvalidMediaTypeException unreadable) {
            return null;
        }
    }
}
