package com.chatnation.crm.domain.messaging;

/**
 * Where a message came from besides its content: the earlier message it replies to, whether it was
 * forwarded, and the click-to-WhatsApp ad or product that referred the contact. All fields are optional.
 */
public record MessageContext(String repliedToMessageId, boolean forwarded, Referral referral) {

    public static final MessageContext NONE = new MessageContext(null, false, null);

    /** A click-to-WhatsApp ad or post ({@code source_type} ad/post, {@code ctwa_clid}), or a referred product. */
    public record Referral(String sourceUrl, String sourceId, String sourceType, String headline, String body,
                           String ctwaClid, String productRetailerId) {
    }
}
