package com.chatnation.crm.domain.survey;

/** A voice note, photo, video or document sent as an answer; the file itself stays with WhatsApp's media store. */
public record MediaAnswer(String kind, String mediaId, String mimeType, String caption, String filename, boolean voice) {
}
