package com.chatnation.crm.application.conversations.ingestion;

import com.chatnation.crm.domain.common.PhoneNumber;
import com.chatnation.crm.domain.messaging.MessageContent;
import com.chatnation.crm.domain.messaging.MessageContext;
import java.time.Instant;

/**
 * A message a contact sent to a business number.
 *
 * <p>{@code from} is the contact's phone number when the payload carries a usable one. WhatsApp is moving to
 * business-scoped user ids (BSUID, {@code from_user_id} / {@code contacts[].user_id}) and user names, and a message
 * may then come without a phone number; a {@code wa_id} of digits may still be no E.164 number (a
 * {@code from} that is not digits at all is quarantined by the parser). In those cases {@code from} is null and the contact is identified by {@link #sender()}, which always keeps the raw
 * {@code wa_id}, the BSUID and the user name as sent.
 *
 * @param messageId the WhatsApp message id ({@code wamid.…})
 * @param sentAt    when the contact sent it; null if the payload had no readable timestamp
 * @param rawType   the {@code type} field as sent ({@code interactive}, {@code image}, …); null when it was missing
 * @param sender    every identifier of the contact found in the payload
 */
public record InboundMessage(String phoneNumberId, PhoneNumber from, String profileName, String messageId,
                             Instant sentAt, MessageContent content, MessageContext context, String rawType,
                             Sender sender) implements WebhookItem {

    /**
     * How WhatsApp identified the contact: {@code waId} is the raw {@code from} (or the matching contact's
     * {@code wa_id}), {@code userId} the business-scoped user id (BSUID), {@code username} the WhatsApp user name.
     * Any of them may be null.
     */
    public record Sender(String waId, String userId, String username) {

        /** The stable identifier to key the contact by: the wa_id, else the BSUID; null when neither is known. */
        public String key() {
            return waId != null && !waId.isBlank() ? waId : userId;
        }
    }
}
