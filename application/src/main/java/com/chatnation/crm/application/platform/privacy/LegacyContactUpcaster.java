package com.chatnation.crm.application.platform.privacy;

import com.chatnation.crm.domain.conversation.ConversationClosed;
import com.chatnation.crm.domain.conversation.ConversationExpired;
import com.chatnation.crm.domain.conversation.ConversationStarted;
import com.chatnation.crm.domain.conversation.MessageReceived;
import com.chatnation.crm.domain.conversation.ReplyDeliveryUpdated;
import com.chatnation.crm.domain.conversation.ReplyFailed;
import com.chatnation.crm.domain.conversation.ReplyHeld;
import com.chatnation.crm.domain.conversation.ReplyQueued;
import com.chatnation.crm.domain.conversation.ReplySent;
import com.chatnation.crm.domain.conversation.StateChanged;
import com.chatnation.crm.domain.survey.AnswerRejected;
import com.chatnation.crm.domain.survey.QuestionAnswered;
import com.chatnation.crm.domain.survey.SurveyResponseCompleted;
import com.chatnation.crm.domain.survey.SurveyResponseStarted;
import com.chatnation.crm.domain.ticketing.ParticipantRegistered;
import com.chatnation.crm.domain.ticketing.TicketsIssued;
import com.chatnation.crm.domain.ticketing.TicketsReserved;
import com.chatnation.crm.projections.crm.contacts.ContactIds;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Reads the contact events of revision 1, which named the contact by phone number, as revision 2, which names it
 * by contact id. History written then gets the id its contact had in the read tables at the time (a name-based
 * UUID of organization and number, {@link ContactIds#legacy}), so rebuilt tables keep their rows. Events that only
 * referred to the contact lose the number; those that need it keep it next to the id. Stored events are never
 * rewritten.
 */
@Component
@Order(1)
class LegacyContactUpcaster extends SingleEventUpcaster {

    /** Keep the number and add the id in front of it. */
    private static final Set<String> KEEP_PHONE = names(ConversationStarted.class, MessageReceived.class,
            ReplyQueued.class, SurveyResponseStarted.class, TicketsIssued.class, ParticipantRegistered.class,
            TicketsReserved.class);
    /** The number was only a reference: replace it with the id. */
    private static final Set<String> REPLACE_PHONE = names(ReplySent.class, ReplyHeld.class, ReplyFailed.class,
            ReplyDeliveryUpdated.class, ConversationClosed.class, ConversationExpired.class, StateChanged.class,
            SurveyResponseCompleted.class);
    /** Named no contact then: their contact id stays empty, and their personal members unsealed. */
    private static final Set<String> NO_CONTACT = names(QuestionAnswered.class, AnswerRejected.class);

    @Override
    protected boolean canUpcast(IntermediateEventRepresentation representation) {
        String type = representation.getType().getName();
        String revision = representation.getType().getRevision();
        return (revision == null || "1".equals(revision))
                && (KEEP_PHONE.contains(type) || REPLACE_PHONE.contains(type) || NO_CONTACT.contains(type));
    }

    @Override
    protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation representation) {
        String type = representation.getType().getName();
        return representation.upcastPayload(new SimpleSerializedType(type, "2"), JsonNode.class,
                payload -> toRevision2(type, payload));
    }

    static JsonNode toRevision2(String type, JsonNode revision1) {
        if (NO_CONTACT.contains(type) || !(revision1 instanceof ObjectNode original)) {
            return revision1;
        }
        ObjectNode payload = original.deepCopy();
        JsonNode organization = payload.get("organizationId");
        JsonNode phone = REPLACE_PHONE.contains(type) ? payload.remove("contactPhone") : payload.get("contactPhone");
        if (organization != null && organization.isTextual() && phone != null && phone.isTextual()) {
            payload.put("contactId", ContactIds.legacy(organization.asText(), phone.asText()).toString());
        }
        return payload;
    }

    private static Set<String> names(Class<?>... types) {
        return Stream.of(types).map(Class::getName).collect(Collectors.toUnmodifiableSet());
    }
}
