package com.chatnation.crm.domain.conversation;

import com.chatnation.crm.domain.privacy.DataSubject;
import com.chatnation.crm.domain.privacy.PersonalData;
import com.chatnation.crm.domain.messaging.OutboundReply;
import org.axonframework.serialization.Revision;

/**
 * The bot decided to say something; billing and sending follow. The number is sealed; the reply is not: the bot
 * speaks from the organization's content (menus, questions, ticket details) and never repeats what the contact
 * wrote, and analytics read it (a menu offered is a journey step, which must survive the contact's erasure). The
 * organization's retention period blanks it in the read tables like the contact's words.
 */
@Revision("2")
public record ReplyQueued(String conversationId, String sessionId, String organizationId, @DataSubject String contactId,
                          @PersonalData String contactPhone, String replyId, String module, String action,
                          OutboundReply reply,
                          String inReplyToMessageId)
        implements ConversationEvent {
}
