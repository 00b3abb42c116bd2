package com.chatnation.crm.application.conversations;

import java.time.Instant;

/**
 * The message turn an effect came from: whose conversation, in which organization, and when the contact spoke.
 *
 * @param contactPhone the contact's number in E.164
 * @param at           when the contact sent the message that led to the effect
 */
record EffectOrigin(String conversationId, String organizationId, String contactId, String contactPhone, Instant at) {
}
