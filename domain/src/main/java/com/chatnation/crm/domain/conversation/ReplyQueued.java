package com.chatnation.crm.domain.conversation;

import com.chatnation.crm.domain.privacy.DataSubject;
import com.chatnation.crm.domain.privacy.PersonalData;
import com.chatnation.crm.domain.messaging.OutboundReply;
import com.fasterxml.jackson.annotation.JsonIgnore;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/**
 * Something is to be said to the contact; billing and sending follow. The number is sealed; the bot's {@code reply}
 * is not: the bot speaks from the organization's content (menus, questions, ticket details) and never repeats what
 * the contact wrote, and analytics read it (a menu offered is a journey step, which must survive the contact's
 * erasure). A reply a person of the organization's team wrote is another matter: it may well name the contact or
 * repeat what they said, so it travels as {@code staffReply}, sealed like the contact's words, and {@code reply} is
 * null. {@link #message()} is whichever of the two is set. The organization's retention period blanks both in the
 * read tables like the contact's words.
 * <p>
 * {@code windowClosesAt} is when the contact's customer-service window closes as the conversation knew it (24 hours
 * after their last message; null in events written before it was recorded, and for a contact who never wrote):
 * outside it the reply is not sent free-form. {@code reengageTemplate} names the message template to send instead
 * once the window has closed (null: the reply then expires).
 * <p>
 * Revision 3 added {@code staffReply}; earlier events have none.
 */
@Revision("3")
public record ReplyQueued(String conversationId, String sessionId, String organizationId, @DataSubject String contactId,
                          @PersonalData String contactPhone, String replyId, String module, String action,
                          OutboundReply reply,
                          String inReplyToMessageId, Instant windowClosesAt, String reengageTemplate,
                          @PersonalData(messageText = true) OutboundReply staffReply)
        implements ConversationEvent {

    /** A reply of the bot. */
    public ReplyQueued(String conversationId, String sessionId, String organizationId, String contactId,
                       String contactPhone, String replyId, String module, String action, OutboundReply reply,
                       String inReplyToMessageId, Instant windowClosesAt, String reengageTemplate) {
        this(conversationId, sessionId, organizationId, contactId, contactPhone, replyId, module, action, reply,
                inReplyToMessageId, windowClosesAt, reengageTemplate, null);
    }

    /** A reply of the bot with no known window and no template to re-engage with. */
    public ReplyQueued(String conversationId, String sessionId, String organizationId, String contactId,
                       String contactPhone, String replyId, String module, String action, OutboundReply reply,
                       String inReplyToMessageId) {
        this(conversationId, sessionId, organizationId, contactId, contactPhone, replyId, module, action, reply,
                inReplyToMessageId, null, null);
    }

    /** What is to be said: the bot's reply or the team's; null only when the team's was sealed and its key is gone. */
    @JsonIgnore
    public OutboundReply message() {
        return reply != null ? reply : staffReply;
    }
}
