package com.chatnation.crm.domain.broadcast;

import org.axonframework.serialization.Revision;

import java.util.List;

/**
 * {@code parameters} is empty for a template without parameters (and in broadcasts created before they existed);
 * {@code header} is null unless the template has a media header.
 */
@Revision("1")
public record BroadcastCreated(String broadcastId, String organizationId, String name, BroadcastTemplate template,
                               List<ParameterBinding> parameters, BroadcastHeader header, String audienceId,
                               String callbackData)
        implements BroadcastEvent {

    public BroadcastCreated {
        parameters = parameters == null ? List.of() : List.copyOf(parameters);
    }
}
