package com.chatnation.crm.application.knowledge;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.springframework.http.HttpStatus;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;

/**
 * The text the bot can quote from an uploaded document: a PDF's text layer (Apache PDFBox), Markdown with its markup
 * taken out, or plain UTF-8 text. Anything else, an unreadable PDF or text that is not UTF-8 is refused with 422.
 */
final class DocumentText {

    static final String PDF = "pdf";
    static final String MARKDOWN = "markdown";
    static final String TEXT = "text";

    private DocumentText() {
    }

    static String of(String sourceType, byte[] content) {
        return switch (sourceType) {
            case PDF -> pdf(content);
            case MARKDOWN -> markdown(utf8(content));
            default -> utf8(content).strip();
        };
    }

    private static String pdf(byte[] content) {
        try (PDDocument document = Loader.loadPDF(content)) {
            if (document.isEncrypted()) {
                throw new KnowledgeRefusal(HttpStatus.UNPROCESSABLE_ENTITY, "unreadable_pdf",
                        "the PDF is encrypted; upload one without a password");
            }
            return new PDFTextStripper().getText(document).strip();
        } catch (IOException unreadable) {
            throw new KnowledgeRefusal(HttpStatus.UNPROCESSABLE_ENTITY, "unreadable_pdf",
                    "the file is not a PDF that can be read: " + unreadable.getMessage());
        }
    }

    /** Markdown read as a person reads it: headings, emphasis, links and code fences keep their words only. */
    static String markdown(String text) {
        return text.replaceAll("(?m)^```.*$", "")
                .replaceAll("(?m)^\\s{0,3}#{1,6}\\s*", "")
                .replaceAll("(?m)^\\s*[-*+]\\s+", "")
                .replaceAll("!?\\[([^\\]]*)]\\([^)]*\\)", "$1")
                .replaceAll("(\\*\\*|__|\\*|_|`)", "")
                .replaceAll("(?m)^\\s*>\\s?", "")
                .strip();
    }

    private static String utf8(byte[] content) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(content)).toString();
        } catch (CharacterCodingException e) {
            throw new KnowledgeRefusal(HttpStatus.UNPROCESSABLE_ENTITY, "not_utf8", "the text is not UTF-8");
        }
    }
}
