package com.chatnation.crm.projections.audit;

import com.chatnation.crm.domain.contact.ContactProfileEvent;
import com.chatnation.crm.domain.conversation.ContactErased;
import com.chatnation.crm.domain.privacy.PersonalData;
import com.chatnation.crm.projections.jdbc.ReadModelJdbc;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.messaging.MetaData;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import static com.chatnation.crm.projections.crm.ReadModelSupport.utc;

/**
 * Maintains {@code audit_log}: one row per event whose metadata names an actor ({@link AuditMetaData}), that is per
 * event an administrative command caused. Events of conversations and survey responses are left out even with an
 * actor: they are the bot's own work, which a simulated message sets off, not an administrative act. The row is
 * keyed by the event's identifier, so a redelivery or a rebuild writes the same row once.
 */
@Component
@ProcessingGroup(AuditLogProjection.GROUP)
public class AuditLogProjection {

    public static final String GROUP = "crm-audit";
    public static final List<String> TABLES = List.of("audit_log");

    /** Aggregate types whose events never enter the audit log. */
    public static final Set<String> NOT_AUDITED = Set.of("Conversation", "SurveyResponse");

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;

    public AuditLogProjection(@ReadModelJdbc JdbcTemplate jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    @EventHandler
    void on(DomainEventMessage<?> event) {
        // The aggregate type is known without deserializing anything, and conversation events are nearly all of
        // the history a rebuild reads: decide on it before touching metadata or payload.
        String resourceType = event.getType();
        boolean erasure = ContactErased.class.equals(event.getPayloadType());
        if (resourceType == null || NOT_AUDITED.contains(resourceType) && !erasure) {
            return;
        }
        if (erasure) {
            // administrative events about the contact (a ticket payment confirmed by staff) named their number
            ContactErased erased = (ContactErased) event.getPayload();
            jdbc.update("UPDATE audit_log SET details = details - 'contactPhone' WHERE organization_id = ? "
                    + "AND details ->> 'contactId' = ?", erased.organizationId(), erased.contactId());
        }
        MetaData metaData = event.getMetaData();
        String actorType = text(metaData.get(AuditMetaData.ACTOR_TYPE));
        String actorId = text(metaData.get(AuditMetaData.ACTOR_ID));
        if (actorType == null || actorId == null) {
            return;
        }
        JsonNode details = json.valueToTree(event.getPayload());
        String organizationId = text(metaData.get(AuditMetaData.ORGANIZATION_ID));
        JsonNode named = details.path("organizationId");
        if (organizationId == null && named.isTextual()) {
            organizationId = text(named.asText());
        }
        if (organizationId == null) {
            return; // a platform action about no organization: no organization's audit log can show it
        }
        withoutSecrets(details);
        if (event.getPayload() instanceof ContactProfileEvent) {
            // what staff wrote about a contact (attribute values, an import's number and name) is the contact's
            // personal data: the audit log names the change, the sealed event keeps the value
            withoutPersonalData(details, event.getPayloadType());
        }
        // Values are cut to their columns rather than refused: an over-long identifier must not stop the processor.
        jdbc.update("""
                        INSERT INTO audit_log (event_id, organization_id, occurred_at, actor_type, actor_id, actor_address,
                                               action, resource_type, resource_id, details)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb)
                        ON CONFLICT (event_id) DO NOTHING""",
                event.getIdentifier(), fit(organizationId, 64), utc(event.getTimestamp()), fit(actorType, 16),
                fit(actorId, 64), fit(text(metaData.get(AuditMetaData.ACTOR_ADDRESS)), 64),
                fit(event.getPayloadType().getSimpleName(), 100), fit(resourceType, 64),
                fit(event.getAggregateIdentifier(), 200), details.toString());
    }

    /**
     * Whether a field holds a secret or what proves one: hashes ({@code apiKeyHash}), passwords and secrets by any
     * name, and tokens ({@code token}, {@code accessToken}), but not {@code tokens}, which counts the currency.
     */
    static boolean isSecret(String field) {
        String name = field.toLowerCase(Locale.ROOT);
        return name.endsWith("hash") || name.endsWith("token") || name.contains("password") || name.contains("secret");
    }

    /** Removes the members of a record marked {@link PersonalData}. */
    static void withoutPersonalData(JsonNode details, Class<?> type) {
        if (details instanceof ObjectNode object && type.isRecord()) {
            for (RecordComponent component : type.getRecordComponents()) {
                if (component.isAnnotationPresent(PersonalData.class)) {
                    object.remove(component.getName());
                }
            }
        }
    }

    /** Removes secret fields at every depth, in objects and in arrays of them. */
    static void withoutSecrets(JsonNode node) {
        if (node instanceof ObjectNode object) {
            List<String> secrets = new ArrayList<>();
            object.fieldNames().forEachRemaining(name -> {
                if (isSecret(name)) {
                    secrets.add(name);
                } else {
                    withoutSecrets(object.get(name));
                }
            });
            object.remove(secrets);
        } else if (node != null && node.isArray()) {
            node.forEach(AuditLogProjection::withoutSecrets);
        }
    }

    private static String text(Object value) {
        if (value == null) {
            return null;
        }
        String text = value.toString();
        return text.isBlank() ? null : text;
    }

    private static String fit(String value, int length) {
        return value == null || value.length() <= length ? value : value.substring(0, length);
    }
}
