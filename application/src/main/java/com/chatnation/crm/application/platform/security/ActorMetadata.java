package com.chatnation.crm.application.platform.security;

import jakarta.servlet.http.HttpServletRequest;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import org.springframework.web.servlet.HandlerMapping;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

import static com.chatnation.crm.projections.audit.AuditMetaData.ACTOR_ADDRESS;
import static com.chatnation.crm.projections.audit.AuditMetaData.ACTOR_ID;
import static com.chatnation.crm.projections.audit.AuditMetaData.ACTOR_TYPE;
import static com.chatnation.crm.projections.audit.AuditMetaData.ORGANIZATION_ID;

/**
 * Stamps every command sent while serving an authenticated request with who sent it: the actor's kind and id,
 * the client's address and the organization acted on. A correlation data provider copies these onto the events
 * the command causes, so the audit log is a projection of the event store like every other read model.
 * Commands sent by the service itself (the bot answering, deadlines, the reply dispatcher) carry no actor.
 */
public final class ActorMetadata implements MessageDispatchInterceptor<CommandMessage<?>> {

    /** Path variables that name the organization acted on, in the organization's and the platform's paths. */
    private static final List<String> ORGANIZATION_VARIABLES = List.of("orgId", "organizationId");

    @Override
    public BiFunction<Integer, CommandMessage<?>, CommandMessage<?>> handle(List<? extends CommandMessage<?>> messages) {
        return (index, command) -> {
            Map<String, String> actor = currentActor();
            return actor.isEmpty() ? command : command.andMetaData(actor);
        };
    }

    private static Map<String, String> currentActor() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (!(authentication instanceof CrmAuthentication caller)) {
            return Map.of();
        }
        CrmPrincipal principal = caller.getPrincipal();
        Map<String, String> actor = new HashMap<>();
        actor.put(ACTOR_TYPE, principal.kind().wireName());
        actor.put(ACTOR_ID, principal.id());
        HttpServletRequest request = currentRequest();
        if (request != null) {
            actor.put(ACTOR_ADDRESS, request.getRemoteAddr());
        }
        String organization = principal.organizationId() != null ? principal.organizationId() : pathOrganization(request);
        if (organization != null) {
            actor.put(ORGANIZATION_ID, organization);
        }
        return actor;
    }

    private static HttpServletRequest currentRequest() {
        return RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes
                ? attributes.getRequest() : null;
    }

    @SuppressWarnings("unchecked")
    private static String pathOrganization(HttpServletRequest request) {
        if (request == null
                || !(request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE) instanceof Map<?, ?> variables)) {
            return null;
        }
        return ORGANIZATION_VARIABLES.stream().map(name -> ((Map<String, String>) variables).get(name))
                .filter(value -> value != null).findFirst().orElse(null);
    }
}
