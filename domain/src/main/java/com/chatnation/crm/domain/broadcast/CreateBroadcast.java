package com.chatnation.crm.domain.broadcast;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.List;

/**
 * A draft broadcast: a name, the template, who receives it (a saved audience, or an uploaded list when
 * {@code audienceId} is null), where each template parameter's value comes from, the file of a media header
 * (null when the template has none), and optional data WhatsApp hands back with every status ({@code biz_opaque_callback_data}).
 */
public record CreateBroadcast(@TargetAggregateIdentifier String broadcastId, String organizationId, String name,
                              BroadcastTemplate template, List<ParameterBinding> parameters, BroadcastHeader header,
                              String audienceId, String callbackData) {
}
