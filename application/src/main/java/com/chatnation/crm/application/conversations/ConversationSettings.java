package com.chatnation.crm.application.conversations;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * @param inactivityTimeout how long a contact may stay silent before the session (and any survey) ends
 * @param ticketHold        how long reserved tickets wait for payment
 */
@ConfigurationProperties("crm.conversations")
record ConversationSettings(@DefaultValue("24h") Duration inactivityTimeout,
                                   @DefaultValue("15m") Duration ticketHold) {
}
