package com.chatnation.crm.application.billing;

import com.chatnation.crm.domain.wallet.TokenDebited;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Reads {@link TokenDebited} revision 1 ({@code module} and {@code action} at the top level) as revision 2
 * ({@code billable: {module, action}}). Stored events are never rewritten: every read of old history (aggregate
 * loading, tracking processors, rebuilds, republishing) passes through this upcaster. Events stored before the
 * class had a revision (none) are read as revision 1.
 */
@Component
@Order(0)
class TokenDebitedUpcaster extends SingleEventUpcaster {

    static final String TYPE = TokenDebited.class.getName();
    static final SimpleSerializedType REVISION_2 = new SimpleSerializedType(TYPE, "2");

    @Override
    protected boolean canUpcast(IntermediateEventRepresentation representation) {
        String revision = representation.getType().getRevision();
        return TYPE.equals(representation.getType().getName()) && (revision == null || "1".equals(revision));
    }

    @Override
    protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation representation) {
        return representation.upcastPayload(REVISION_2, JsonNode.class, TokenDebitedUpcaster::toRevision2);
    }

    static JsonNode toRevision2(JsonNode revision1) {
        ObjectNode payload = revision1.deepCopy();
        JsonNode module = payload.remove("module");
        JsonNode action = payload.remove("action");
        if (!payload.has("billable")) {
            ObjectNode billable = payload.putObject("billable");
            billable.set("module", module);
            billable.set("action", action);
        }
        return payload;
    }
}
