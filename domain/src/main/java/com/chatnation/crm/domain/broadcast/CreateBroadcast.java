package com.chatnation.crm.domain.broadcast;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * A draft broadcast: a name, the template, who receives it (a saved audience, or an uploaded list when
 * {@code audienceId} is null) and optional data WhatsApp hands back with every status ({@code biz_opaque_callback_data}).
 */
public record CreateBroadcast(@TargetAggregateIdentifier String broadcastId, String organizationId, String name,
                              BroadcastTemplate template, String audienceId, String callbackData) {
}
