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
 * <p>Only a body that is not JSON is refused ({@link MalformedWebhookException}); JSON that is not a
 * {@code whatsapp_business_account} object, and every message, status or change in it that can never be processed
 * (no usable id, a sender that is not 1 to 20 digits, no usable phone number id, ...), come back as
 * {@link WebhookNotification#quarantined()} items with a reason, so the webhook can acknowledge the delivery and keep
 * them for the operator. Free text is cleaned ({@link WebhookText}); timestamps outside 2009 to a day after the
 * delivery are read as absent. Otherwise the parser is lenient, because WhatsApp adds fields and message types over
 * time and published samples differ:
 * <ul>
 *   <li>unknown fields are ignored; {@code message_template_status_update} and {@code template_category_update}
 *       changes become {@link TemplateUpdate}s (quarantined as {@code invalid_template_update} without a usable
 *       account id, template name or language); changes of other fields become {@link IgnoredChange}s;</li>
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
 *   <li>a sender without a phone number (BSUID-only contacts) still yields the message with a null {@code from};
 *       a {@code from} that is digits but no E.164 number likewise; see {@link InboundMessage}.</li>
 * </ul>
 * Instances are thread-safe.
 */
public final class WebhookPayloadParser {

    public static final String EXPECTED_OBJECT = "whatsapp_business_account";

    private static final Set<String> MEDIA_TYPES = Set.of("image", "audio", "video", "document", "sticker");
    private static final List<String> INFERABLE_TYPES = List.of("text", "interactive", "button", "image", "audio",
            "video", "document", "sticker", "location", "contacts", "reaction", "order", "system");

    /** Epoch seconds up to the year 9999; beyond it a number is not a time. */
    private static final long MAX_EPOCH_SECOND = 253_402_300_799L;
    private static final BigDecimal MAX_DECIMAL = new BigDecimal("1e15");
    private static final java.util.regex.Pattern STATUS = java.util.regex.Pattern.compile("[a-z_]{1,32}");

    private final ObjectMapper escaping = JsonMapper.builder()
            .enable(com.fasterxml.jackson.core.json.JsonWriteFeature.ESCAPE_NON_ASCII)
            .build();
    private final ObjectMapper json = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    /** Parses a raw webhook body received now; see {@link #parse(byte[], Instant)}. */
    public WebhookNotification parse(byte[] body) {
        return parse(body, Instant.now());
    }

    /**
     * Parses a raw webhook body. Throws {@link MalformedWebhookException} only when the body is not JSON at all;
     * well-formed JSON that is not a WhatsApp Business Account notification, and any message, status or change in
     * it that can never be processed, come back as {@link WebhookNotification#quarantined()} items.
     *
     * @param receivedAt when the body arrived: timestamps later than a day after it are not believed
     */
    public WebhookNotification parse(byte[] body, Instant receivedAt) {
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
        List<QuarantinedItem> quarantined = new ArrayList<>();
        if (!root.isObject()) {
            quarantined.add(new QuarantinedItem(null, "delivery", "not_a_notification",
                    "webhook body must be a JSON object, was " + root.getNodeType().name().toLowerCase(), body));
            return new WebhookNotification(List.of(), List.of(), quarantined);
        }
        JsonNode object = root.get("object");
        if (object == null || !object.isTextual() || !EXPECTED_OBJECT.equals(object.textValue())) {
            quarantined.add(new QuarantinedItem(null, "delivery", "not_a_notification",
                    "webhook 'object' must be '" + EXPECTED_OBJECT + "', was "
                            + (object == null ? "missing" : clip(object.toString())), body));
            return new WebhookNotification(List.of(), List.of(), quarantined);
        }

        Window window = new Window(receivedAt);
        List<WebhookChange> changes = new ArrayList<>();
        List<IgnoredChange> ignored = new ArrayList<>();
        List<TemplateUpdate> templates = new ArrayList<>();
        for (JsonNode entry : elements(root.get("entry"))) {
            String entryId = text(entry, "id");
            for (JsonNode change : elements(entry.get("changes"))) {
                String field = text(change, "field");
                JsonNode value = change.get("value");
                if ("messages".equals(field) || "user_preferences".equals(field)
                        || (field == null && looksLikeMessages(value))) {
                    WebhookChange parsed = messagesChange(entryId, change, value, window, quarantined);
                    if (parsed != null) {
                        changes.add(parsed);
                    }
                } else if (TemplateUpdate.STATUS_FIELD.equals(field) || TemplateUpdate.CATEGORY_FIELD.equals(field)) {
                    TemplateUpdate update = templateUpdate(entryId, field, change, value, quarantined);
                    if (update != null) {
                        templates.add(update);
                    }
                } else {
                    ignored.add(new IgnoredChange(entryId, field));
                }
            }
        }
        return new WebhookNotification(changes, ignored, quarantined, templates);
    }

    /** Message timestamps believed: from 2009 (WhatsApp's first year) to a day after the delivery arrived. */
    private record Window(Instant receivedAt) {
        static final Instant EARLIEST = Instant.parse("2009-01-01T00:00:00Z");

        Instant latest() {
            return receivedAt.plus(java.time.Duration.ofDays(1));
        }

        /** Conversation windows expire up to a few days ahead; a month is already beyond any of them. */
        Instant latestExpiry() {
            return receivedAt.plus(java.time.Duration.ofDays(31));
        }
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
        if (item instanceof PreferenceUpdate preference && preference.contact() != null) {
            return preference.phoneNumberId() + ":" + preference.contact().e164().substring(1);
        }
        return String.valueOf(item.phoneNumberId());
    }

    private static boolean looksLikeMessages(JsonNode value) {
        return value != null && value.isObject()
                && (value.has("messages") || value.has("statuses") || value.has("errors")
                    || value.has("user_preferences")
                    || "whatsapp".equals(text(value, "messaging_product")));
    }

    /** A messages change, or null when it names no usable business number (then it is quarantined whole). */
    private WebhookChange messagesChange(String entryId, JsonNode change, JsonNode value, Window window,
                                  List<QuarantinedItem> quarantined) {
        JsonNode metadata = value == null ? null : value.get("metadata");
        String phoneNumberId = text(metadata, "phone_number_id");
        if (phoneNumberId == null) {
            quarantined.add(new QuarantinedItem(null, "change", "missing_phone_number_id",
                    "the change has no value.metadata.phone_number_id, so no organization can be found", raw(change)));
            return null;
        }
        if (!WebhookText.isUsableId(phoneNumberId)) {
            quarantined.add(new QuarantinedItem(null, "change", "invalid_phone_number_id",
                    "value.metadata.phone_number_id " + WebhookText.describeId(phoneNumberId), raw(change)));
            return null;
        }
        String displayPhoneNumber = WebhookText.clean(text(metadata, "display_phone_number"));
        List<JsonNode> contacts = elements(value.get("contacts"));
        List<WebhookItem> items = new ArrayList<>();
        for (JsonNode message : elements(value.get("messages"))) {
            if (message.isObject()) {
                WebhookItem parsed = message(phoneNumberId, message, contacts, window, quarantined);
                if (parsed != null) {
                    items.add(parsed);
                }
            } else {
                quarantined.add(new QuarantinedItem(phoneNumberId, "message", "not_an_object",
                        "messages[] holds a " + message.getNodeType().name().toLowerCase(), raw(message)));
            }
        }
        for (JsonNode status : elements(value.get("statuses"))) {
            if (status.isObject()) {
                WebhookItem parsed = status(phoneNumberId, status, window, quarantined);
                if (parsed != null) {
                    items.add(parsed);
                }
            } else {
                quarantined.add(new QuarantinedItem(phoneNumberId, "status", "not_an_object",
                        "statuses[] holds a " + status.getNodeType().name().toLowerCase(), raw(status)));
            }
        }
        for (JsonNode preference : elements(value.get("user_preferences"))) {
            if (preference.isObject()) {
                PhoneNumber contact = phoneOrNull(rawText(preference, "wa_id"));
                if (contact == null) {
                    quarantined.add(new QuarantinedItem(phoneNumberId, "preference", "invalid_wa_id",
                            "user_preferences[] has no usable wa_id", raw(preference)));
                    continue;
                }
                items.add(new PreferenceUpdate(phoneNumberId, contact, text(preference, "category"),
                        text(preference, "value"), instant(preference.get("timestamp"), window.latest())));
            } else {
                quarantined.add(new QuarantinedItem(phoneNumberId, "preference", "not_an_object",
                        "user_preferences[] holds a " + preference.getNodeType().name().toLowerCase(), raw(preference)));
            }
        }
        for (JsonNode error : elements(value.get("errors"))) {
            if (error.isObject()) {
                items.add(new WebhookError(phoneNumberId, intOrZero(error.get("code")), text(error, "title"),
                        text(error, "message"), text(error.get("error_data"), "details")));
            }
        }
        return new WebhookChange(entryId, phoneNumberId, displayPhoneNumber, items);
    }

    // ---- messages ------------------------------------------------------------------------------------------

    /** The message, or null when it is quarantined: no usable id, or no usable sender. */
    private InboundMessage message(String phoneNumberId, JsonNode message, List<JsonNode> contacts, Window window,
                                   List<QuarantinedItem> quarantined) {
        String messageId = rawText(message, "id");
        if (messageId == null) {
            quarantined.add(new QuarantinedItem(phoneNumberId, "message", "missing_message_id",
                    "the message has no id", raw(message)));
            return null;
        }
        if (!WebhookText.isUsableId(messageId)) {
            quarantined.add(new QuarantinedItem(phoneNumberId, "message", "invalid_message_id",
                    "the message id " + WebhookText.describeId(messageId), raw(message)));
            return null;
        }
        String rawFrom = rawText(message, "from");
        String fromUserId = rawText(message, "from_user_id");
        JsonNode contact = matchingContact(contacts, rawFrom, fromUserId);
        String rawWaId = rawFrom != null ? rawFrom : rawText(contact, "wa_id");
        String waId = WebhookText.waIdOrNull(rawWaId);
        if (rawWaId != null && waId == null) {
            quarantined.add(new QuarantinedItem(phoneNumberId, "message", "invalid_from",
                    "the sender's WhatsApp id must be 1 to " + WebhookText.MAX_WA_ID_DIGITS + " digits, was "
                            + rawWaId.length() + " characters", raw(message)));
            return null;
        }
        String userId = fromUserId != null ? fromUserId : rawText(contact, "user_id");
        if (userId != null && !WebhookText.isUsableId(userId)) {
            if (waId == null) {
                quarantined.add(new QuarantinedItem(phoneNumberId, "message", "invalid_from",
                        "the sender's user id " + WebhookText.describeId(userId), raw(message)));
                return null;
            }
            userId = null; // the phone number identifies the contact; an unusable extra id is dropped
        }
        if (waId == null && userId == null) {
            quarantined.add(new QuarantinedItem(phoneNumberId, "message", "missing_from",
                    "the message names no sender (from, from_user_id or a contact's wa_id)", raw(message)));
            return null;
        }
        JsonNode profile = contact == null ? null : contact.get("profile");
        var sender = new InboundMessage.Sender(waId, userId, text(profile, "username"));

        String rawType = text(message, "type");
        String type = rawType != null ? rawType : inferType(message);
        return new InboundMessage(phoneNumberId, phoneOrNull(waId), text(profile, "name"), messageId,
                instant(message.get("timestamp"), window.latest()), content(type, message), context(message),
                rawType, sender);
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
            case "location" -> new MessageContent.Location(coordinate(body.get("latitude"), 90),
                    coordinate(body.get("longitude"), 180), text(body, "name"), text(body, "address"), text(body, "url"));
            case "contacts" -> sharedContacts(body);
            case "reaction" -> {
                String emoji = text(body, "emoji");
                String reactedTo = rawText(body, "message_id");
                yield new MessageContent.Reaction(WebhookText.isUsableId(reactedTo) ? reactedTo : null,
                        emoji == null ? "" : emoji);
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
        String repliedTo = rawText(context, "id");
        if (repliedTo != null && !WebhookText.isUsableId(repliedTo)) {
            repliedTo = null; // the message stands on its own; only the link to an unknowable earlier one is lost
        }
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

    /** The status, or null when it is quarantined: without a usable message id, status or recipient. */
    private StatusUpdate status(String phoneNumberId, JsonNode status, Window window,
                                List<QuarantinedItem> quarantined) {
        String messageId = rawText(status, "id");
        String state = rawText(status, "status");
        String recipientId = rawText(status, "recipient_id");
        String reason = null;
        String detail = null;
        if (messageId == null) {
            reason = "missing_status_id";
            detail = "the status has no id";
        } else if (!WebhookText.isUsableId(messageId)) {
            reason = "invalid_status_id";
            detail = "the status id " + WebhookText.describeId(messageId);
        } else if (state == null || !STATUS.matcher(state).matches()) {
            reason = "invalid_status";
            detail = "status must be 1 to 32 lower-case letters or underscores, was "
                    + (state == null ? "missing" : state.length() + " characters");
        } else if (recipientId != null && !WebhookText.isUsableId(recipientId)) {
            reason = "invalid_recipient_id";
            detail = "recipient_id " + WebhookText.describeId(recipientId);
        }
        if (reason != null) {
            quarantined.add(new QuarantinedItem(phoneNumberId, "status", reason, detail, raw(status)));
            return null;
        }
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
                        text(conversation.get("origin"), "type"),
                        instant(conversation.get("expiration_timestamp"), window.latestExpiry()));
        return new StatusUpdate(phoneNumberId, messageId, recipientId, state,
                instant(status.get("timestamp"), window.latest()), errors, price, conv,
                text(status, "biz_opaque_callback_data"));
    }

    /** A template change, or null when it cannot name its account and template (then it is quarantined). */
    private TemplateUpdate templateUpdate(String entryId, String field, JsonNode change, JsonNode value,
                                          List<QuarantinedItem> quarantined) {
        String accountId = entryId;
        String name = text(value, "message_template_name");
        String language = text(value, "message_template_language");
        String problem = accountId == null || !accountId.matches("[0-9]{1,32}") ? "no numeric entry[].id (account)"
                : name == null || name.isBlank() || name.length() > 512 ? "no usable message_template_name"
                : language == null || language.isBlank() || language.length() > 16 ? "no usable message_template_language"
                : null;
        if (problem != null) {
            quarantined.add(new QuarantinedItem(null, "change", "invalid_template_update", field + " has " + problem,
                    raw(change)));
            return null;
        }
        String templateId = text(value, "message_template_id");
        return new TemplateUpdate(accountId, field, clipped(text(value, "event"), 32),
                templateId != null && templateId.matches("[0-9]{1,32}") ? templateId : null, name, language,
                clipped(text(value, "reason"), 500), clipped(text(value, "new_category"), 32),
                clipped(text(value, "previous_category"), 32));
    }

    private static String clipped(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max);
    }

    // ---- tree helpers --------------------------------------------------------------------------------------

    private static List<JsonNode> elements(JsonNode array) {
        List<JsonNode> result = new ArrayList<>();
        if (array != null && array.isArray()) {
            array.forEach(result::add);
        }
        return result;
    }

    /** A scalar field as storable text (numbers included; see {@link WebhookText#clean}); null when absent, null or not a scalar. */
    private static String text(JsonNode node, String field) {
        return WebhookText.clean(rawText(node, field));
    }

    /** A scalar field exactly as sent, for identifiers, which are checked rather than cleaned. */
    private static String rawText(JsonNode node, String field) {
        if (node == null || !node.isObject()) {
            return null;
        }
        JsonNode value = node.get(field);
        return value == null || !value.isValueNode() || value.isNull() ? null : value.asText();
    }

    /** The JSON of an item as received, every non-ASCII character escaped so NUL and lone surrogates survive. */
    private byte[] raw(JsonNode node) {
        try {
            return escaping.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            return ("\"unprintable: " + e.getOriginalMessage() + "\"").getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        }
    }

    private static String clip(String text) {
        String cleaned = WebhookText.clean(text);
        return cleaned.length() <= 80 ? cleaned : cleaned.substring(0, 80) + "…";
    }

    /**
     * Epoch seconds as a number or a string of digits, or an ISO-8601 instant; null when unreadable or outside
     * 2009 to {@code latest}: such a time is not a real one, and the receive time then stands in for it.
     */
    private static Instant instant(JsonNode node, Instant latest) {
        Instant instant = readInstant(node);
        return instant == null || instant.isBefore(Window.EARLIEST) || instant.isAfter(latest) ? null : instant;
    }

    private static Instant readInstant(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isIntegralNumber()) {
            return node.canConvertToLong() ? epochSecond(node.longValue()) : null;
        }
        if (node.isTextual()) {
            String value = node.textValue().strip();
            if (value.matches("\\d{1,12}")) {
                return epochSecond(Long.parseLong(value));
            }
            try {
                return Instant.parse(value);
            } catch (DateTimeParseException notIso) {
                return null;
            }
        }
        return null;
    }

    private static Instant epochSecond(long seconds) {
        return seconds < 0 || seconds > MAX_EPOCH_SECOND ? null : Instant.ofEpochSecond(seconds);
    }

    /** A number, or null when it is not one or beyond what a price or a coordinate can be (PostgreSQL's numeric in jsonb included). */
    private static BigDecimal decimal(JsonNode node) {
        BigDecimal value = readDecimal(node);
        if (value == null) {
            return null;
        }
        try {
            return value.abs().compareTo(MAX_DECIMAL) >= 0 || value.scale() > 12 ? null : value;
        } catch (ArithmeticException unusable) {
            return null;
        }
    }

    private static BigDecimal readDecimal(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isNumber()) {
            return node.decimalValue();
        }
        if (node.isTextual()) {
            String value = node.textValue().strip();
            if (value.length() > 40) {
                return null;
            }
            try {
                return new BigDecimal(value);
            } catch (NumberFormatException notANumber) {
                return null;
            }
        }
        return null;
    }

    /** A coordinate within {@code -limit..limit}, or null. */
    private static BigDecimal coordinate(JsonNode node, int limit) {
        BigDecimal value = decimal(node);
        return value == null || value.abs().compareTo(BigDecimal.valueOf(limit)) > 0 ? null : value;
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
