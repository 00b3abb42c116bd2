package com.chatnation.crm.domain.conversation;

import com.chatnation.crm.domain.privacy.DataSubject;
import com.chatnation.crm.domain.privacy.PersonalData;
import com.chatnation.crm.domain.messaging.OutboundReply;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/**
 * The bot decided to say something; billing and sending follow. The number is sealed; the reply is not: the bot
 * speaks from the organization's content (menus, questions, ticket details) and never repeats what the contact
 * wrote, and analytics read it (a menu offered is a journey step, which must survive the contact's erasure). The
 * organization's retention period blanks it in the read tables like the contact's words.
 * <p>
 * {@code windowClosesAt} is when the contact's customer-service window closes as the conversation knew it (24 hours
 * after their last message; null in events written before it was recorded, and for a contact who never wrote):
 * outside it the reply is not sent free-form. {@code reengageTemplate} names the message template a flow wants
 * sent instead once the window has closed (null: the reply then expires).
 */
@Revision("2")
public record ReplyQueued(String conversationId, String sessionId, String organizationId, @DataSubject String contactId,
                          @PersonalData String contactPhone, String replyId, String module, String action,
                          OutboundReply reply,
                          String inReplyToMessageId, Instant windowClosesAt, String reengageTemplate)
        implements ConversationEvent {

    /** A reply with no known window and no template to re-engage with. */
    public ReplyQueued(String conversationId, String sessionId, String organizationId, String contactId,
                       String contactPhone, String replyId, String module, String action, OutboundReply reply,
                       String inReplyToMessageId) {
        this(conversationId, sessionId, organizationId, contactId, contactPhone, replyId, module, action, reply,
                inReplyToMessageId, null, null);
    }
}
