package com.chatnation.crm.application.audit;

import com.chatnation.crm.projections.audit.AuditMetaData;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.correlation.MessageOriginProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.stereotype.Component;

import java.util.HashMap;
import java.util.Map;

/**
 * Carries the actor of an administrative command ({@link AuditMetaData}) onto the events it causes, which is what
 * the audit log is built from. Only a command passes its actor on: the commands event processors dispatch later
 * (the reply dispatcher's wallet debits for a conversation, say) are the system's own work and must not inherit
 * the actor of whatever event set them off.
 *
 * <p>Axon's Spring Boot auto-configuration hands every {@link CorrelationDataProvider} bean to the configurer, but
 * declares its default {@link MessageOriginProvider} only while no such bean exists; declaring this one would
 * silently drop correlation and trace ids from every message, so the origin provider is declared here too.
 */
@Component
class ActorCorrelation implements CorrelationDataProvider {

    @Override
    public Map<String, ?> correlationDataFor(Message<?> message) {
        if (!(message instanceof CommandMessage<?>)) {
            return Map.of();
        }
        MetaData metaData = message.getMetaData();
        Map<String, Object> actor = new HashMap<>();
        for (String key : AuditMetaData.KEYS) {
            Object value = metaData.get(key);
            if (value != null) {
                actor.put(key, value);
            }
        }
        return actor;
    }

    @Bean
    MessageOriginProvider messageOrigin() {
        return new MessageOriginProvider();
    }
}
