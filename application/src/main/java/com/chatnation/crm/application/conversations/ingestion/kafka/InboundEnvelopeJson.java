package com.chatnation.crm.application.conversations.ingestion.kafka;

import com.chatnation.crm.application.conversations.ingestion.InboundEnvelope;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Base64;

/**
 * The Kafka value of an {@link InboundEnvelope}: a JSON object
 * <pre>{"envelopeId":…,"organizationId":…,"orderingKey":…,"kind":…,"dedupeId":…,
 *  "acceptedAt":"2026-01-01T00:00:00Z","item":{…}}</pre>
 *
 * <p>The item is already JSON, so when it is a JSON object or array it is embedded as is ({@code item}), which keeps
 * the topic readable with any Kafka tool; its bytes are copied verbatim both ways, so the handler gets exactly the
 * bytes that were enqueued. Any other item (not JSON, a bare scalar, empty) is carried as {@code itemBase64}. A null
 * item has neither field. Null strings are left out. Thread-safe.
 */
final class InboundEnvelopeJson {

    private static final JsonFactory JSON = JsonFactory.builder().build();

    private InboundEnvelopeJson() {
    }

    public static byte[] encode(InboundEnvelope envelope) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256 + (envelope.item() == null ? 0 : envelope.item().length));
        try (JsonGenerator json = JSON.createGenerator(out)) {
            json.writeStartObject();
            field(json, "envelopeId", envelope.envelopeId());
            field(json, "organizationId", envelope.organizationId());
            field(json, "orderingKey", envelope.orderingKey());
            field(json, "kind", envelope.kind());
            field(json, "dedupeId", envelope.dedupeId());
            field(json, "acceptedAt", envelope.acceptedAt() == null ? null : envelope.acceptedAt().toString());
            byte[] item = envelope.item();
            if (item != null) {
                if (isJsonContainer(item)) {
                    json.writeFieldName("item");
                    json.writeRawValue(new String(item, StandardCharsets.UTF_8));
                } else {
                    json.writeStringField("itemBase64", Base64.getEncoder().encodeToString(item));
                }
            }
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("could not encode envelope " + envelope.envelopeId(), e);
        }
        return out.toByteArray();
    }

    /** Reads a value written by {@link #encode}; throws {@link MalformedEnvelopeException} for anything else. */
    public static InboundEnvelope decode(byte[] value) {
        if (value == null || value.length == 0) {
            throw new MalformedEnvelopeException("inbound record has no value");
        }
        String envelopeId = null;
        String organizationId = null;
        String orderingKey = null;
        String kind = null;
        String dedupeId = null;
        Instant acceptedAt = null;
        byte[] item = null;
        try (JsonParser json = JSON.createParser(value)) {
            if (json.nextToken() != JsonToken.START_OBJECT) {
                throw new MalformedEnvelopeException("inbound record value is not a JSON object");
            }
            while (json.nextToken() == JsonToken.FIELD_NAME) {
                String name = json.currentName();
                JsonToken token = json.nextToken();
                switch (name) {
                    case "envelopeId" -> envelopeId = text(json, token, name);
                    case "organizationId" -> organizationId = text(json, token, name);
                    case "orderingKey" -> orderingKey = text(json, token, name);
                    case "kind" -> kind = text(json, token, name);
                    case "dedupeId" -> dedupeId = text(json, token, name);
                    case "acceptedAt" -> acceptedAt = instant(text(json, token, name));
                    case "item" -> item = rawContainer(json, token, value);
                    case "itemBase64" -> item = base64(text(json, token, name));
                    default -> json.skipChildren();
                }
            }
            if (json.currentToken() != JsonToken.END_OBJECT || json.nextToken() != null) {
                throw new MalformedEnvelopeException("inbound record value is not one JSON object");
            }
        } catch (IOException e) {
            throw new MalformedEnvelopeException("inbound record value is not valid JSON: " + e.getMessage(), e);
        }
        if (envelopeId == null || orderingKey == null) {
            throw new MalformedEnvelopeException("inbound record value has no envelopeId or orderingKey");
        }
        return new InboundEnvelope(envelopeId, organizationId, orderingKey, kind, dedupeId, item, acceptedAt);
    }

    private static void field(JsonGenerator json, String name, String value) throws IOException {
        if (value != null) {
            json.writeStringField(name, value);
        }
    }

    /** True when the bytes are exactly one JSON object or array (surrounding whitespace allowed). */
    private static boolean isJsonContainer(byte[] item) {
        try (JsonParser json = JSON.createParser(item)) {
            JsonToken first = json.nextToken();
            if (first != JsonToken.START_OBJECT && first != JsonToken.START_ARRAY) {
                return false;
            }
            json.skipChildren();
            return json.nextToken() == null;
        } catch (IOException notJson) {
            return false;
        }
    }

    private static String text(JsonParser json, JsonToken token, String name) throws IOException {
        if (token == JsonToken.VALUE_NULL) {
            return null;
        }
        if (token != JsonToken.VALUE_STRING) {
            throw new MalformedEnvelopeException("inbound envelope field '" + name + "' must be a string");
        }
        return json.getText();
    }

    private static byte[] rawContainer(JsonParser json, JsonToken token, byte[] value) throws IOException {
        if (token == JsonToken.VALUE_NULL) {
            return null;
        }
        if (token != JsonToken.START_OBJECT && token != JsonToken.START_ARRAY) {
            throw new MalformedEnvelopeException("inbound envelope field 'item' must be a JSON object or array");
        }
        long start = json.currentTokenLocation().getByteOffset();
        json.skipChildren();
        long end = json.currentLocation().getByteOffset();
        if (start < 0 || end <= start || end > value.length) {
            throw new MalformedEnvelopeException("inbound envelope item could not be located");
        }
        return Arrays.copyOfRange(value, (int) start, (int) end);
    }

    private static byte[] base64(String text) {
        if (text == null) {
            return null;
        }
        try {
            return Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw new MalformedEnvelopeException("inbound envelope itemBase64 is not base64", e);
        }
    }

    private static Instant instant(String text) {
        if (text == null) {
            return null;
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new MalformedEnvelopeException("inbound envelope acceptedAt is not an ISO-8601 instant", e);
        }
    }

    /** A record on the inbound topic that is not an envelope; retrying cannot help, so it is dead-lettered. */
    public static final class MalformedEnvelopeException extends RuntimeException {

        public MalformedEnvelopeException(String message) {
            super(message);
        }

        public MalformedEnvelopeException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
