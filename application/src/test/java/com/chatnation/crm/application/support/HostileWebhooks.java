package com.chatnation.crm.application.support;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/**
 * Generators of WhatsApp webhook bodies for property-based tests: the shapes Meta sends, filled with hostile
 * values (NUL, lone and reversed surrogates, huge and negative numbers, extreme timestamps, over-long ids, nulls
 * and wrong types where objects are expected, deep arrays), and bodies that are not JSON at all.
 */
public final class HostileWebhooks {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** Writes every non-ASCII character as an escape, so lone surrogates reach the wire exactly as generated. */
    private static final ObjectMapper ASCII = JsonMapper.builder().enable(JsonWriteFeature.ESCAPE_NON_ASCII).build();

    /** A generated body and whether it is well-formed JSON (so the webhook must answer 200, else 400). */
    public record Body(byte[] bytes, boolean wellFormed, String description) {
        @Override
        public String toString() {
            String text = new String(bytes, StandardCharsets.UTF_8);
            return (wellFormed ? "JSON " : "malformed ") + description + ": "
                    + (text.length() > 600 ? text.substring(0, 600) + "…" : text);
        }
    }

    private HostileWebhooks() {
    }

    // ---- values --------------------------------------------------------------------------------------------

    public static Arbitrary<String> hostileStrings() {
        return Arbitraries.frequencyOf(
                Tuple.of(4, Arbitraries.strings().all().ofMaxLength(40)),
                Tuple.of(3, Arbitraries.of("", " ", "\u0000", "a\u0000b", "\ud800", "x\udc00\ud800y",
                        "\udbff", "x".repeat(1000), "9".repeat(400), "wamid." + "y".repeat(300), "\uffff", "😀",
                        "\u202e\u0007", "null", "{}", "[]", "1e999999", "-0", "+254 700-000 000", "\t\n\r")),
                Tuple.of(2, Arbitraries.strings().numeric().ofMinLength(1).ofMaxLength(30)),
                Tuple.of(1, Arbitraries.strings().withCharRange('\u0000', '\u001f').ofMaxLength(8)));
    }

    public static Arbitrary<JsonNode> hostileNumbers() {
        return Arbitraries.oneOf(
                Arbitraries.longs().map(NODES::numberNode),
                Arbitraries.of(Long.MAX_VALUE, Long.MIN_VALUE, 0L, -1L, 1_000_000_000_000_000_000L).map(NODES::numberNode),
                Arbitraries.of("1" + "0".repeat(30), "9223372036854775808", "-9223372036854775809", "1" + "0".repeat(300))
                        .map(n -> (JsonNode) NODES.numberNode(new BigInteger(n))),
                Arbitraries.of("1e999999", "-1e-999999", "0.000000000000000000000001", "3.14159265358979323846264338327950288")
                        .map(n -> (JsonNode) NODES.numberNode(new BigDecimal(n))));
    }

    public static Arbitrary<JsonNode> hostileTimestamps() {
        long now = Instant.now().getEpochSecond();
        return Arbitraries.oneOf(hostileNumbers(),
                Arbitraries.of("1000000000000000000", "-5", "0", "99999999999", "2026-13-01T00:00:00Z", "+1000000000-01-01T00:00:00Z",
                        String.valueOf(now + 86_400 * 400), String.valueOf(now)).map(NODES::textNode),
                hostileStrings().map(NODES::textNode));
    }

    /** Any JSON value at all: scalars, nulls, empty and deeply nested containers. */
    public static Arbitrary<JsonNode> anyValue() {
        return Arbitraries.oneOf(
                hostileStrings().map(NODES::textNode),
                hostileNumbers(),
                Arbitraries.just(NODES.nullNode()),
                Arbitraries.of(true, false).map(NODES::booleanNode),
                Arbitraries.just(NODES.objectNode()),
                Arbitraries.just(NODES.arrayNode()),
                Arbitraries.integers().between(1, 400).map(HostileWebhooks::deepArray));
    }

    private static JsonNode deepArray(int depth) {
        ArrayNode root = NODES.arrayNode();
        ArrayNode current = root;
        for (int i = 1; i < depth; i++) {
            current = current.addArray();
        }
        return root;
    }

    /** Mostly the plausible value, sometimes a hostile one, sometimes absent (null: leave the field out). */
    private static Arbitrary<JsonNode> field(Arbitrary<JsonNode> plausible, Arbitrary<JsonNode> hostile) {
        return Arbitraries.frequencyOf(
                Tuple.of(6, plausible),
                Tuple.of(3, hostile),
                Tuple.of(1, Arbitraries.just((JsonNode) null)));
    }

    private static Arbitrary<JsonNode> text(Arbitrary<String> strings) {
        return strings.map(NODES::textNode);
    }

    // ---- shapes --------------------------------------------------------------------------------------------

    /** A message as Meta sends it, each field plausible or hostile; {@code contacts} gives plausible senders. */
    public static Arbitrary<JsonNode> messages(List<String> contacts) {
        Arbitrary<JsonNode> from = field(text(Arbitraries.of(contacts)),
                Arbitraries.oneOf(text(hostileStrings()), anyValue()));
        Arbitrary<JsonNode> id = field(text(Arbitraries.strings().alpha().numeric().ofLength(24).map(s -> "wamid." + s)),
                Arbitraries.oneOf(text(hostileStrings()), anyValue()));
        Arbitrary<JsonNode> timestamp = field(
                Arbitraries.just((JsonNode) NODES.textNode(String.valueOf(Instant.now().getEpochSecond()))),
                hostileTimestamps());
        Arbitrary<String> type = Arbitraries.frequencyOf(
                Tuple.of(5, Arbitraries.of("text", "interactive", "button", "image", "location",
                        "reaction", "order", "contacts", "system", "unsupported")),
                Tuple.of(1, hostileStrings()));
        Arbitrary<JsonNode> content = Arbitraries.oneOf(
                text(Arbitraries.oneOf(hostileStrings(), Arbitraries.of("hi", "menu", "tickets",
                        "feedback", "5", "yes", "cancel"))).map(body -> (JsonNode) object("body", body)),
                Combinators.combine(anyValue(), anyValue()).as((lat, lon) -> (JsonNode) object("latitude", lat, "longitude", lon,
                        "name", NODES.textNode("\u0000place"))),
                Combinators.combine(text(hostileStrings()), text(hostileStrings())).as((a, b) -> (JsonNode) object("type",
                        NODES.textNode("button_reply"), "button_reply", object("id", a, "title", b))),
                Combinators.combine(anyValue(), text(hostileStrings())).as((price, currency) -> (JsonNode) object("catalog_id",
                        NODES.textNode("c"), "product_items", array(object("product_retailer_id", currency,
                                "quantity", price, "item_price", price, "currency", currency)))),
                Combinators.combine(text(hostileStrings()), text(hostileStrings())).as((mid, emoji) ->
                        (JsonNode) object("message_id", mid, "emoji", emoji)),
                anyValue());
        Arbitrary<JsonNode> context = field(Arbitraries.oneOf(text(hostileStrings())
                .map(replied -> (JsonNode) object("id", replied, "forwarded", NODES.booleanNode(true))),
                text(hostileStrings()).map(src -> (JsonNode) object("referral", object("source_type", src)))), anyValue());
        return Combinators.combine(from, id, timestamp, type, content, context).as((f, i, t, ty, c, ctx) -> {
            ObjectNode message = NODES.objectNode();
            putIfPresent(message, "from", f);
            putIfPresent(message, "id", i);
            putIfPresent(message, "timestamp", t);
            message.put("type", ty);
            message.set(ty, c);
            putIfPresent(message, "context", ctx);
            return (JsonNode) message;
        });
    }

    public static Arbitrary<JsonNode> statuses(List<String> contacts) {
        Arbitrary<JsonNode> id = field(text(Arbitraries.strings().alpha().ofLength(20).map(s -> "wamid." + s)),
                Arbitraries.oneOf(text(hostileStrings()), anyValue()));
        Arbitrary<JsonNode> status = field(text(Arbitraries.of("sent", "delivered", "read", "failed", "deleted")),
                Arbitraries.oneOf(text(hostileStrings()), anyValue()));
        Arbitrary<JsonNode> recipient = field(text(Arbitraries.of(contacts)), text(hostileStrings()));
        return Combinators.combine(id, status, recipient, hostileTimestamps(), anyValue()).as((i, s, r, t, extra) -> {
            ObjectNode node = NODES.objectNode();
            putIfPresent(node, "id", i);
            putIfPresent(node, "status", s);
            putIfPresent(node, "recipient_id", r);
            node.set("timestamp", t);
            node.set("errors", array(object("code", extra, "title", NODES.textNode("t\u0000"))));
            node.set("pricing", extra);
            node.set("conversation", object("id", extra, "expiration_timestamp", t));
            return (JsonNode) node;
        });
    }

    /**
     * Whole bodies: mostly a notification for one of {@code phoneNumberIds} with generated messages, statuses and
     * errors; sometimes a broken shape (wrong types where objects or arrays belong, JSON that is not a notification);
     * sometimes not JSON at all (cut short, trailing garbage, invalid UTF-8).
     */
    public static Arbitrary<Body> bodies(List<String> phoneNumberIds, List<String> contacts) {
        Arbitrary<JsonNode> phoneNumberId = field(text(Arbitraries.of(phoneNumberIds)), anyValue());
        Arbitrary<List<JsonNode>> messages = messages(contacts).list().ofMaxSize(4);
        Arbitrary<List<JsonNode>> statuses = statuses(contacts).list().ofMaxSize(2);
        Arbitrary<JsonNode> notification = Combinators.combine(phoneNumberId, messages, statuses, anyValue(),
                Arbitraries.integers().between(0, 9)).as((number, ms, ss, wild, shape) -> {
            ObjectNode value = NODES.objectNode();
            value.put("messaging_product", "whatsapp");
            ObjectNode metadata = value.putObject("metadata");
            metadata.put("display_phone_number", "15550001111");
            putIfPresent(metadata, "phone_number_id", number);
            value.set("contacts", array(object("profile", object("name", NODES.textNode("N\u0000\ud800")),
                    "wa_id", ms.isEmpty() ? NODES.textNode("1") : ms.get(0).path("from"))));
            value.set("messages", array(ms.toArray(JsonNode[]::new)));
            value.set("statuses", array(ss.toArray(JsonNode[]::new)));
            value.set("errors", array(object("code", wild, "title", NODES.textNode("e"))));
            // a few broken shapes: a wild value where an object or array belongs
            switch (shape) {
                case 0 -> value.set("messages", wild);
                case 1 -> value.set("metadata", wild);
                case 2 -> value.set("contacts", wild);
                default -> { }
            }
            ObjectNode change = object("field", NODES.textNode("messages"), "value", shape == 3 ? wild : value);
            ObjectNode entry = object("id", NODES.textNode("1"), "changes", shape == 4 ? wild : array(change));
            JsonNode root = object("object", NODES.textNode("whatsapp_business_account"),
                    "entry", shape == 5 ? wild : array(entry));
            return shape == 6 ? wild : (JsonNode) root;
        });
        // Well-formed means what the webhook's JSON reader takes: RFC 8259 grammar, nesting up to 1,000 levels, and no
        // unpaired surrogate escape in a field name (a generated message type can be one).
        Arbitrary<Body> wellFormed = notification.map(node -> {
            byte[] bytes = ascii(node);
            return new Body(bytes, parses(bytes), "notification");
        });
        Arbitrary<Body> malformed = Combinators.combine(notification, Arbitraries.integers().between(0, 3),
                Arbitraries.doubles().between(0, 1)).as((node, kind, cut) -> {
            byte[] json = ascii(node);
            return switch (kind) {
                case 0 -> {
                    byte[] prefix = Arrays.copyOf(json, Math.max(1, Math.min(json.length - 1, (int) (json.length * cut))));
                    yield new Body(prefix, parses(prefix), "cut short");
                }
                case 1 -> new Body(concat(json, "}{".getBytes(StandardCharsets.US_ASCII)), false, "trailing garbage");
                case 2 -> new Body(concat("{\"object\":\"whatsapp_business_account\",\"x\":\"".getBytes(StandardCharsets.US_ASCII),
                        new byte[]{(byte) 0xff, (byte) 0xfe, '"', '}'}), false, "invalid UTF-8");
                default -> new Body("object=whatsapp_business_account".getBytes(StandardCharsets.US_ASCII), false, "not JSON");
            };
        });
        return Arbitraries.frequencyOf(Tuple.of(8, wellFormed), Tuple.of(2, malformed));
    }

    /** Whether the webhook's own reading (Jackson, no trailing tokens) takes these bytes as JSON. */
    public static boolean parses(byte[] bytes) {
        try {
            return JsonMapper.builder().enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                    .build().readTree(bytes) != null && bytes.length > 0;
        } catch (java.io.IOException malformed) {
            return false;
        }
    }

    public static byte[] ascii(JsonNode node) {
        try {
            return ASCII.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static ObjectNode object(Object... keysAndValues) {
        ObjectNode node = NODES.objectNode();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            node.set((String) keysAndValues[i], (JsonNode) keysAndValues[i + 1]);
        }
        return node;
    }

    private static ArrayNode array(JsonNode... elements) {
        ArrayNode node = NODES.arrayNode();
        for (JsonNode element : elements) {
            node.add(element);
        }
        return node;
    }

    private static void putIfPresent(ObjectNode node, String field, JsonNode value) {
        if (value != null) {
            node.set(field, value);
        }
    }
}
