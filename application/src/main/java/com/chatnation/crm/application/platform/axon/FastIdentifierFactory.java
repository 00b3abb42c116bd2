package com.chatnation.crm.application.platform.axon;

import com.chatnation.crm.domain.common.Ids;
import org.axonframework.common.IdentifierFactory;

/**
 * Axon gives every command, event and unit of work a random identifier. Its default draws them from the JVM's
 * shared SecureRandom, whose lock became the biggest wait on the message path under load; identifiers only
 * need to be unique (the event table enforces it), so they come from thread-local randomness instead.
 * Registered through {@code META-INF/services/org.axonframework.common.IdentifierFactory}.
 */
public class FastIdentifierFactory extends IdentifierFactory {

    @Override
    public String generateIdentifier() {
        return Ids.newId();
    }
}
