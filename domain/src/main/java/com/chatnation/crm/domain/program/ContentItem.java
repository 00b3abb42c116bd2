package com.chatnation.crm.domain.program;

import com.chatnation.crm.domain.common.DomainRuleViolation;

import java.time.LocalDate;
import java.util.List;

/**
 * One message of a program: text, a media file from the media store, or a poll. It has a place either in the
 * series ({@code sequenceNumber}: each subscriber gets item 1, 2, 3… from where they started) or on the calendar
 * ({@code scheduledOn}: everyone gets it that day), never both, so a delivery is never ambiguous.
 * <p>
 * Blank strings count as absent, so a form's empty caption is no caption. A field the type does not use is
 * refused rather than dropped, so nothing someone typed silently goes missing.
 *
 * @param mediaKey the media store's key of an image, audio or video
 * @param pollId   the poll a poll item shows
 */
public record ContentItem(String itemId, String contentType, String body, String mediaKey, String pollId,
                          Integer sequenceNumber, LocalDate scheduledOn) {

    public static final String TEXT = "text";
    public static final String IMAGE = "image";
    public static final String AUDIO = "audio";
    public static final String VIDEO = "video";
    public static final String POLL = "poll";
    public static final List<String> CONTENT_TYPES = List.of(TEXT, IMAGE, AUDIO, VIDEO, POLL);
    /** WhatsApp's text message body takes 4096 characters. */
    public static final int MAX_TEXT_LENGTH = 4096;
    /** WhatsApp's media captions take 1024 characters. */
    public static final int MAX_CAPTION_LENGTH = 1024;

    public ContentItem {
        if (itemId == null || itemId.isBlank()) {
            throw invalid("an item needs an id");
        }
        if (contentType == null || !CONTENT_TYPES.contains(contentType)) {
            throw invalid("an item is one of " + CONTENT_TYPES + ", not " + contentType);
        }
        body = stripToNull(body);
        mediaKey = stripToNull(mediaKey);
        pollId = stripToNull(pollId);
        if (TEXT.equals(contentType)) {
            if (body == null) {
                throw invalid("a text item needs a text");
            }
            requireLength(body, MAX_TEXT_LENGTH, "a text");
            requireAbsent(mediaKey, "media file", contentType);
            requireAbsent(pollId, "poll", contentType);
        } else if (POLL.equals(contentType)) {
            if (pollId == null) {
                throw invalid("a poll item needs a poll");
            }
            requireAbsent(body, "text", contentType);
            requireAbsent(mediaKey, "media file", contentType);
        } else {
            if (mediaKey == null) {
                throw invalid(describe(contentType) + " needs a media file");
            }
            if (AUDIO.equals(contentType)) {
                // WhatsApp sends audio without a caption
                requireAbsent(body, "caption", contentType);
            } else if (body != null) {
                requireLength(body, MAX_CAPTION_LENGTH, "a caption");
            }
            requireAbsent(pollId, "poll", contentType);
        }
        if ((sequenceNumber == null) == (scheduledOn == null)) {
            throw invalid("an item has either a sequence number or a date, not " + (sequenceNumber == null
                    ? "neither" : "both"));
        }
        if (sequenceNumber != null && sequenceNumber < 1) {
            throw invalid("sequence numbers start at 1, got " + sequenceNumber);
        }
    }

    private static DomainRuleViolation invalid(String message) {
        return new DomainRuleViolation("invalid_item", message);
    }

    private static void requireLength(String text, int max, String what) {
        if (text.length() > max) {
            throw invalid(what + " takes at most " + max + " characters, got " + text.length());
        }
    }

    private static void requireAbsent(String value, String what, String contentType) {
        if (value != null) {
            throw invalid(describe(contentType) + " takes no " + what);
        }
    }

    private static String describe(String contentType) {
        return (IMAGE.equals(contentType) || AUDIO.equals(contentType) ? "an " : "a ") + contentType + " item";
    }

    private static String stripToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
