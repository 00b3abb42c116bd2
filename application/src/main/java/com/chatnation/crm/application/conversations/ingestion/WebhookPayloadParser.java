package com.chatnation.crm.application.conversations.ingestion;

import com.chatnation.crm.domain.common.DomainRuleViolation;
import com.chatnation.crm.domain.common.PhoneNumber;
import com.chatnation.crm.domain.messaging.MessageContent;
import com.chatnation.crm.domain.messaging.MessageContext;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Reads a WhatsApp Cloud API webhook body into a {@link WebhookNotification} by walking the JSON tree.
 *
 * <p>Only the envelope is strict: the body must be a JSON object whose {@code object} is
 * {@code whatsapp_business_account}, otherwise a {@link MalformedWebhookException} says why. Inside it the parser
 * is lenient, because WhatsApp adds fields and message types over time and published samples differ:
 * <ul>
 *   <li>unknown fields are ignored; changes of fields other than {@code messages} become {@link IgnoredChange}s;</li>
 *   <li>a change without {@code field} whose value holds messages, statuses or errors is a messages change;</li>
 *   <li>timestamps may be strings or integers (epoch seconds); an unreadable one gives a null instant;</li>
 *   <li>a message without {@code type} gets the type of the content object it carries ({@code text}, {@code image},
 *       …), its {@code rawType} staying null; with no recognisable content it is {@code Unsupported};</li>
 *   <li>unknown message types, interactive replies other than button and list replies, and known types whose
 *       content object is missing all become {@link MessageContent.Unsupported} with the type and the message's
 *       first error, if any. WhatsApp Flow responses ({@code nfm_reply}) are deliberately {@code Unsupported}
 *       ("nfm_reply"): their {@code response_json} is machine data, and turning it into {@code Text} would let a
 *       bot treat it as words the contact typed;</li>
 *   <li>a reaction with a missing or null emoji is a removed reaction, like an empty one ({@code emoji} "");</li>
 *   <li>a sender without a valid phone number (BSUID-only contacts, placeholder ids) still yields the message with
 *       a null {@code from}; see {@link InboundMessage}.</li>
 * </ul>
 * Instances are thread-safe.
 */
public final class WebhookPayloadParser {

    public static final String EXPECTED_OBJECT = "whatsapp_business_account";

    private static final Set<String> MEDIA_TYPES = Set.of("image", "audio", "video", "document", "sticker");
    private static final List<String> INFERABLE_TYPES = List.of("text", "interactive", "button", "image", "audio",
            "video", "document", "sticker", "location", "contacts", "reaction", "order", "system");

    private final ObjectMapper json = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    /** Parses a raw webhook body; throws {@link MalformedWebhookException} only for a broken envelope. */
    public WebhookNotification parse(byte[] body) {
        if (body == null || body.length == 0) {
            throw new MalformedWebhookException("webhook body is empty");
        }
        JsonNode root;
        try {
            root = json.readTree(body);
        } catch (JsonProcessingException e) {
            throw new MalformedWebhookException("webhook body is not valid JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new MalformedWebhookException("webhook body could not be read: " + e.getMessage(), e);
        }
        if (root == null || root.isMissingNode()) {
            throw new MalformedWebhookException("webhook body is empty");
        }
        if (!root.isObject()) {
            throw new MalformedWebhookException(
                    "webhook body must be a JSON object, was " + root.getNodeType().name().toLowerCase());
        }
        JsonNode object = root.get("object");
        if (object == null || object.isNull()) {
            throw new MalformedWebhookException("webhook body has no 'object'; expected '" + EXPECTED_OBJECT + "'");
        }
        if (!object.isTextual() || !EXPECTED_OBJECT.equals(object.textValue())) {
            throw new MalformedWebhookException(
                    "webhook 'object' must be '" + EXPECTED_OBJECT + "', was " + object);
        }

        List<WebhookChange> changes = new ArrayList<>();
        List<IgnoredChange> ignored = new ArrayList<>();
        for (JsonNode entry : elements(root.get("entry"))) {
            String entryId = text(entry, "id");
            for (JsonNode change : elements(entry.get("changes"))) {
                String field = text(change, "field");
                JsonNode value = change.get("value");
                if ("messages".equals(field) || (field == null && looksLikeMessages(value))) {
                    changes.add(messagesChange(entryId, value));
                } else {
                    ignored.add(new IgnoredChange(entryId, field));
                }
            }
        }
        return new WebhookNotification(changes, ignored);
    }

    /**
     * The key that keeps one contact's items of one business number in order:
     * {@code phoneNumberId + ":" + wa_id} for messages (the BSUID when there is no wa_id), {@code phoneNumberId +
     * ":" + recipient_id} for statuses (so a contact's statuses share its messages' key), and the phone number id
     * alone for value-level errors.
     */
    public static String orderingKey(WebhookItem item) {
        if (item instanceof InboundMessage message) {
            return message.phoneNumberId() + ":" + message.sender().key();
        }
        if (item instanceof StatusUpdate status) {
            return status.phoneNumberId() + ":" + status.recipientId();
        }
        return String.valueOf(item.phoneNumberId());
    }

    private static boolean looksLikeMessages(JsonNode value) {
        return value != null && value.isObject()
                && (value.has("messages") || value.has("statuses") || value.has("errors")
                    || "whatsapp".equals(text(value, "messaging_product")));
    }

    private WebhookChange messagesChange(String entryId, JsonNode value) {
        JsonNode metadata = value == null ? null : value.get("metadata");
        String phoneNumberId = text(metadata, "phone_number_id");
        String displayPhoneNumber = text(metadata, "display_phone_number");
        List<JsonNode> contacts = elements(value == null ? null : value.get("contacts"));
        List<WebhookItem> items = new ArrayList<>();
        if (value != null) {
            for (JsonNode message : elements(value.get("messages"))) {
                if (message.isObject()) {
                    items.add(message(phoneNumberId, message, contacts));
                }
            }
            for (JsonNode status : elements(value.get("statuses"))) {
                if (status.isObject()) {
                    items.add(status(phoneNumberId, status));
                }
            }
            for (JsonNode error : elements(value.get("errors"))) {
                if (error.isObject()) {
                    items.add(new WebhookError(phoneNumberId, intOrZero(error.get("code")), text(error, "title"),
                            text(error, "message"), text(error.get("error_data"), "details")));
                }
            }
        }
        return new WebhookChange(entryId, phoneNumberId, displayPhoneNumber, items);
    }

    // ---- messages ------------------------------------------------------------------------------------------

    private InboundMessage message(String phoneNumberId, JsonNode message, List<JsonNode> contacts) {
        String rawFrom = text(message, "from");
        String fromUserId = text(message, "from_user_id");
        JsonNode contact = matchingContact(contacts, rawFrom, fromUserId);
        String waId = rawFrom != null ? rawFrom : text(contact, "wa_id");
        String userId = fromUserId != null ? fromUserId : text(contact, "user_id");
        JsonNode profile = contact == null ? null : contact.get("profile");
        var sender = new InboundMessage.Sender(waId, userId, text(profile, "username"));

        String rawType = text(message, "type");
        String type = rawType != null ? rawType : inferType(message);
        return new InboundMessage(phoneNumberId, phoneOrNull(waId), text(profile, "name"), text(message, "id"),
                instant(message.get("timestamp")), content(type, message), context(message), rawType, sender);
    }

    private static JsonNode matchingContact(List<JsonNode> contacts, String waId, String userId) {
        for (JsonNode contact : contacts) {
            if (waId != null && waId.equals(text(contact, "wa_id"))) {
                return contact;
            }
        }
        for (JsonNode contact : contacts) {
            if (userId != null && userId.equals(text(contact, "user_id"))) {
                return contact;
            }
        }
        return contacts.size() == 1 ? contacts.get(0) : null;
    }

    private static PhoneNumber phoneOrNull(String waId) {
        if (waId == null || waId.isBlank()) {
            return null;
        }
        try {
            return PhoneNumber.of(waId);
        } catch (DomainRuleViolation notAPhoneNumber) {
            return null;
        }
    }

    private static String inferType(JsonNode message) {
        for (String candidate : INFERABLE_TYPES) {
            if (message.path(candidate).isObject() || ("contacts".equals(candidate) && message.path(candidate).isArray())) {
                return candidate;
            }
        }
        return null;
    }

    private static MessageContent content(String type, JsonNode message) {
        if (type == null) {
            return unsupported(null, message);
        }
        JsonNode body = message.get(type);
        boolean hasBody = body != null && (body.isObject() || ("contacts".equals(type) && body.isArray()));
        if (!hasBody && !"unsupported".equals(type)) {
            return unsupported(type, message);
        }
        return switch (type) {
            case "text" -> new MessageContent.Text(text(body, "body"));
            case "interactive" -> interactive(body, message);
            case "button" -> new MessageContent.TemplateButton(text(body, "payload"), text(body, "text"));
            case "image", "audio", "video", "document", "sticker" -> new MessageContent.Media(type,
                    text(body, "id"), text(body, "mime_type"), text(body, "caption"), text(body, "filename"),
                    body.path("voice").asBoolean(false), body.path("animated").asBoolean(false));
            case "location" -> new MessageContent.Location(decimal(body.get("latitude")),
                    decimal(body.get("longitude")), text(body, "name"), text(body, "address"), text(body, "url"));
            case "contacts" -> sharedContacts(body);
            case "reaction" -> {
                String emoji = text(body, "emoji");
                yield new MessageContent.Reaction(text(body, "message_id"), emoji == null ? "" : emoji);
            }
            case "order" -> order(body);
            case "system" -> {
                String newWaId = text(body, "new_wa_id");
                yield new MessageContent.SystemNotice(text(body, "type"), text(body, "body"),
                        newWaId != null ? newWaId : text(body, "wa_id"));
            }
            case "unsupported" -> {
                String detail = text(body, "type");
                yield unsupported(detail != null ? detail : "unsupported", message);
            }
            default -> unsupported(type, message);
        };
    }

    private static MessageContent interactive(JsonNode interactive, JsonNode message) {
        String kind = text(interactive, "type");
        if (kind == null) {
            kind = interactive.has("button_reply") ? "button_reply"
                    : interactive.has("list_reply") ? "list_reply" : null;
        }
        JsonNode reply = kind == null ? null : interactive.get(kind);
        if ("button_reply".equals(kind) && reply != null && reply.isObject()) {
            return new MessageContent.ButtonReply(text(reply, "id"), text(reply, "title"));
        }
        if ("list_reply".equals(kind) && reply != null && reply.isObject()) {
            return new MessageContent.ListReply(text(reply, "id"), text(reply, "title"), text(reply, "description"));
        }
        return unsupported(kind != null ? kind : "interactive", message);
    }

    private static MessageContent.Unsupported unsupported(String originalType, JsonNode message) {
        JsonNode error = elements(message.get("errors")).stream().findFirst().orElse(null);
        Integer code = error == null || !error.hasNonNull("code") ? null : intOrZero(error.get("code"));
        return new MessageContent.Unsupported(originalType, code, text(error, "title"));
    }

    private static MessageContent.SharedContacts sharedContacts(JsonNode cards) {
        List<MessageContent.SharedContacts.Card> result = new ArrayList<>();
        for (JsonNode card : elements(cards)) {
            List<String> phones = new ArrayList<>();
            for (JsonNode phone : elements(card.get("phones"))) {
                String number = text(phone, "phone");
                if (number == null) {
                    number = text(phone, "wa_id");
                }
                if (number != null) {
                    phones.add(number);
                }
            }
            result.add(new MessageContent.SharedContacts.Card(text(card.get("name"), "formatted_name"),
                    List.copyOf(phones)));
        }
        return new MessageContent.SharedContacts(List.copyOf(result));
    }

    private static MessageContent.Order order(JsonNode order) {
        List<MessageContent.Order.Item> items = new ArrayList<>();
        for (JsonNode item : elements(order.get("product_items"))) {
            items.add(new MessageContent.Order.Item(text(item, "product_retailer_id"),
                    intOrZero(item.get("quantity")), decimal(item.get("item_price")), text(item, "currency")));
        }
        return new MessageContent.Order(text(order, "catalog_id"), text(order, "text"), List.copyOf(items));
    }

    private static MessageContext context(JsonNode message) {
        JsonNode context = message.get("context");
        JsonNode referral = message.get("referral");
        String repliedTo = text(context, "id");
        boolean forwarded = context != null
                && (context.path("forwarded").asBoolean(false) || context.path("frequently_forwarded").asBoolean(false));
        String productRetailerId = context == null ? null : text(context.get("referred_product"), "product_retailer_id");
        boolean hasReferral = referral != null && referral.isObject();
        if (repliedTo == null && !forwarded && productRetailerId == null && !hasReferral) {
            return MessageContext.NONE;
        }
        MessageContext.Referral ref = null;
        if (hasReferral || productRetailerId != null) {
            ref = new MessageContext.Referral(text(referral, "source_url"), text(referral, "source_id"),
                    text(referral, "source_type"), text(referral, "headline"), text(referral, "body"),
                    text(referral, "ctwa_clid"), productRetailerId);
        }
        return new MessageContext(repliedTo, forwarded, ref);
    }

    // ---- statuses ------------------------------------------------------------------------------------------

    private static StatusUpdate status(String phoneNumberId, JsonNode status) {
        List<StatusUpdate.StatusError> errors = new ArrayList<>();
        for (JsonNode error : elements(status.get("errors"))) {
            errors.add(new StatusUpdate.StatusError(error.hasNonNull("code") ? intOrZero(error.get("code")) : null,
                    text(error, "title"), text(error, "message"), text(error.get("error_data"), "details")));
        }
        JsonNode pricing = status.get("pricing");
        StatusUpdate.Pricing price = pricing == null || !pricing.isObject() ? null : new StatusUpdate.Pricing(
                pricing.hasNonNull("billable") ? pricing.get("billable").asBoolean() : null,
                text(pricing, "pricing_model"), text(pricing, "category"), text(pricing, "type"));
        JsonNode conversation = status.get("conversation");
        StatusUpdate.ConversationInfo conv = conversation == null || !conversation.isObject() ? null
                : new StatusUpdate.ConversationInfo(text(conversation, "id"),
                        text(conversation.get("origin"), "type"), instant(conversation.get("expiration_timestamp")));
        return new StatusUpdate(phoneNumberId, text(status, "id"), text(status, "recipient_id"),
                text(status, "status"), instant(status.get("timestamp")), errors, price, conv,
                text(status, "biz_opaque_callback_data"));
    }

    // ---- tree helpers --------------------------------------------------------------------------------------

    private static List<JsonNode> elements(JsonNode array) {
        List<JsonNode> result = new ArrayList<>();
        if (array != null && array.isArray()) {
            array.forEach(result::add);
        }
        return result;
    }

    /** A scalar field as text (numbers included); null when absent, null or not a scalar. */
    private static String text(JsonNode node, String field) {
        if (node == null || !node.isObject()) {
            return null;
        }
        JsonNode value = node.get(field);
        return value == null || !value.isValueNode() || value.isNull() ? null : value.asText();
    }

    /** Epoch seconds as a number or a string of digits, or an ISO-8601 instant; null when unreadable. */
    private static Instant instant(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isIntegralNumber()) {
            return Instant.ofEpochSecond(node.longValue());
        }
        if (node.isTextual()) {
            String value = node.textValue().strip();
            if (value.matches("\\d{1,12}")) {
                return Instant.ofEpochSecond(Long.parseLong(value));
            }
            try {
                return Instant.parse(value);
            } catch (DateTimeParseException notIso) {
                return null;
            }
        }
        return null;
    }

    private static BigDecimal decimal(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isNumber()) {
            return node.decimalValue();
        }
        if (node.isTextual()) {
            try {
                return new BigDecimal(node.textValue().strip());
            } catch (NumberFormatException notANumber) {
                return null;
            }
        }
        return null;
    }

    private static int intOrZero(JsonNode node) {
        if (node == null || node.isNull()) {
            return 0;
        }
        if (node.isNumber()) {
            return node.intValue();
        }
        if (node.isTextual()) {
            try {
                return Integer.parseInt(node.textValue().strip());
            } catch (NumberFormatException notANumber) {
                return 0;
            }
        }
        return 0;
    }
}
