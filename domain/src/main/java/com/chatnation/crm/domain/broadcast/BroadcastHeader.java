package com.chatnation.crm.domain.broadcast;

import com.chatnation.crm.domain.common.DomainRuleViolation;

import java.util.Set;

/**
 * The file a template's media header shows, the same for every recipient (an event's poster, a programme as a
 * PDF): its {@code format} (IMAGE, VIDEO or DOCUMENT, as the template's header), and a public {@code link} or the
 * {@code mediaId} of a file uploaded to WhatsApp, exactly one of them; a document may name its {@code filename}.
 */
public record BroadcastHeader(String format, String link, String mediaId, String filename) {

    public static final Set<String> FORMATS = Set.of("IMAGE", "VIDEO", "DOCUMENT");
    static final int MAX_LENGTH = 2048;

    public BroadcastHeader {
        if (format == null || !FORMATS.contains(format)) {
            throw new DomainRuleViolation("invalid_header", "a broadcast's header is an IMAGE, VIDEO or DOCUMENT, was "
                    + format);
        }
        if ((link == null || link.isBlank()) == (mediaId == null || mediaId.isBlank())) {
            throw new DomainRuleViolation("invalid_header", "a header's file is given by link or by mediaId, one of them");
        }
        if (link != null && !link.isBlank() && !link.startsWith("https://") && !link.startsWith("http://")) {
            throw new DomainRuleViolation("invalid_header", "a header's link is an http(s) address");
        }
        if (filename != null && !"DOCUMENT".equals(format)) {
            throw new DomainRuleViolation("invalid_header", "only a document header has a file name");
        }
        for (String value : new String[]{link, mediaId, filename}) {
            if (value != null && value.length() > MAX_LENGTH) {
                throw new DomainRuleViolation("invalid_header", "a header's link, media id or file name has at most "
                        + MAX_LENGTH + " characters");
            }
        }
    }
}
