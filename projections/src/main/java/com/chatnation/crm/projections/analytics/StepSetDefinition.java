package com.chatnation.crm.projections.analytics;

import com.chatnation.crm.domain.privacy.PersonalData;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A step set: named steps, each reached by the events that match one of its rules. A rule names an event type (the
 * domain event's simple class name) and conditions on its payload as JSON, the way Jackson writes the event record
 * (a path of field names such as {@code context.referral.sourceType}). The contact who reaches the step is the
 * payload's {@code contactId}, so only event types that carry one can be named. Operators:
 * <ul>
 *   <li>{@code exists}: the field is there and not null;</li>
 *   <li>{@code eq}: the field equals the value (text ignoring case, so enum names match {@code read} or {@code READ};
 *       numbers by value);</li>
 *   <li>{@code neq}: the field is missing, null or differs from the value;</li>
 *   <li>{@code in}: the field equals one of the values (an array).</li>
 * </ul>
 * A funnel names a step as {@code <set key>:<step key>}.
 */
public record StepSetDefinition(String key, String name, List<Step> steps) {

    public static final int MAX_STEPS = 20;
    public static final int MAX_RULES = 10;
    public static final int MAX_CONDITIONS = 10;
    private static final Pattern SET_KEY = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");
    private static final Pattern STEP_KEY = Pattern.compile("[a-z0-9][a-z0-9_-]{0,31}");
    private static final Pattern PATH = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,63}(\\.[A-Za-z_][A-Za-z0-9_]{0,63}){0,7}");

    public StepSetDefinition {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(name, "name");
        steps = List.copyOf(steps);
    }

    /** A step and the rules that reach it (any one of them). */
    public record Step(String key, String name, List<Rule> events) {
        public Step {
            events = List.copyOf(events);
        }

        /** The name funnels know it by. */
        public String funnelStep(String setKey) {
            return setKey + ":" + key;
        }
    }

    /** Events of one type that meet every condition. */
    public record Rule(String type, List<Condition> conditions) {
        public Rule {
            conditions = List.copyOf(conditions);
        }

        boolean matches(JsonNode payload) {
            for (Condition condition : conditions) {
                if (!condition.holds(payload)) {
                    return false;
                }
            }
            return true;
        }
    }

    public enum Operator {
        EXISTS, EQ, NEQ, IN;

        static Optional<Operator> parse(String text) {
            for (Operator operator : values()) {
                if (operator.name().equalsIgnoreCase(text)) {
                    return Optional.of(operator);
                }
            }
            return Optional.empty();
        }

        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** {@code value} is null for {@code exists}, a scalar for {@code eq}/{@code neq}, an array for {@code in}. */
    public record Condition(String path, Operator op, JsonNode value) {

        boolean holds(JsonNode payload) {
            JsonNode field = payload;
            for (String segment : path.split("\\.")) {
                field = field == null || !field.isObject() ? null : field.get(segment);
            }
            boolean present = field != null && !field.isNull() && !field.isMissingNode();
            switch (op) {
                case EXISTS:
                    return present;
                case EQ:
                    return present && same(field, value);
                case NEQ:
                    return !present || !same(field, value);
                case IN:
                    if (!present) {
                        return false;
                    }
                    for (JsonNode candidate : value) {
                        if (same(field, candidate)) {
                            return true;
                        }
                    }
                    return false;
                default:
                    throw new IllegalStateException(op.name());
            }
        }

        private static boolean same(JsonNode actual, JsonNode expected) {
            if (!actual.isValueNode()) {
                return false;
            }
            String a = actual.asText();
            String b = expected.asText();
            if (a.equalsIgnoreCase(b)) {
                return true;
            }
            if ((actual.isNumber() || expected.isNumber())) {
                try {
                    return new BigDecimal(a).compareTo(new BigDecimal(b)) == 0;
                } catch (NumberFormatException notANumber) {
                    return false;
                }
            }
            return false;
        }
    }

    /** The steps the payload of an event of this type reaches, in the set's order. */
    public List<Step> stepsReachedBy(String type, JsonNode payload) {
        List<Step> reached = new ArrayList<>(1);
        for (Step step : steps) {
            for (Rule rule : step.events()) {
                if (rule.type().equals(type) && rule.matches(payload)) {
                    reached.add(step);
                    break;
                }
            }
        }
        return reached;
    }

    /** The event types any rule names. */
    public Set<String> eventTypes() {
        Set<String> types = new HashSet<>();
        steps.forEach(step -> step.events().forEach(rule -> types.add(rule.type())));
        return types;
    }

    /** The definition as stored and shown: {@code {"name":…,"steps":[{"key","name","events":[{"type","conditions"}]}]}}. */
    public ObjectNode toJson() {
        JsonNodeFactory json = JsonNodeFactory.instance;
        ObjectNode root = json.objectNode().put("name", name);
        ArrayNode stepNodes = root.putArray("steps");
        for (Step step : steps) {
            ObjectNode stepNode = stepNodes.addObject().put("key", step.key()).put("name", step.name());
            ArrayNode rules = stepNode.putArray("events");
            for (Rule rule : step.events()) {
                ObjectNode ruleNode = rules.addObject().put("type", rule.type());
                ArrayNode conditions = ruleNode.putArray("conditions");
                for (Condition condition : rule.conditions()) {
                    ObjectNode conditionNode = conditions.addObject().put("path", condition.path())
                            .put("op", condition.op().wireName());
                    if (condition.value() != null) {
                        conditionNode.set("value", condition.value());
                    }
                }
            }
        }
        return root;
    }

    /**
     * Reads and checks a definition. Refusals name the offending field by its JSON path ({@code steps[2].events[0].type})
     * and are {@link Refused#unprocessable() unprocessable} when the JSON is well formed but names what does not
     * exist or cannot work (an unknown event type or field, an event type without a contact).
     */
    public static StepSetDefinition parse(String key, JsonNode body) {
        if (key == null || !SET_KEY.matcher(key).matches()) {
            throw new Refused("key", "step set key must be 1 to 64 lowercase letters, digits, '-' or '_', starting with "
                    + "a letter or digit", false);
        }
        if (body == null || !body.isObject()) {
            throw new Refused("body", "the step set must be a JSON object with name and steps", false);
        }
        String name = text(body, "name", "name");
        if (name == null || name.isBlank() || name.length() > 100) {
            throw new Refused("name", "name is required (at most 100 characters)", false);
        }
        JsonNode stepNodes = body.get("steps");
        if (stepNodes == null || !stepNodes.isArray() || stepNodes.isEmpty() || stepNodes.size() > MAX_STEPS) {
            throw new Refused("steps", "steps must be an array of 1 to " + MAX_STEPS + " steps", false);
        }
        List<Step> steps = new ArrayList<>();
        Set<String> keys = new HashSet<>();
        for (int i = 0; i < stepNodes.size(); i++) {
            String at = "steps[" + i + "]";
            JsonNode stepNode = stepNodes.get(i);
            if (!stepNode.isObject()) {
                throw new Refused(at, at + " must be an object with key, name and events", false);
            }
            String stepKey = text(stepNode, "key", at + ".key");
            if (stepKey == null || !STEP_KEY.matcher(stepKey).matches()) {
                throw new Refused(at + ".key", at + ".key must be 1 to 32 lowercase letters, digits, '-' or '_', "
                        + "starting with a letter or digit", false);
            }
            if (!keys.add(stepKey)) {
                throw new Refused(at + ".key", "step '" + stepKey + "' appears twice; each step key may appear once",
                        false);
            }
            String stepName = text(stepNode, "name", at + ".name");
            if (stepName == null || stepName.isBlank()) {
                stepName = stepKey;
            } else if (stepName.length() > 100) {
                throw new Refused(at + ".name", at + ".name must be at most 100 characters", false);
            }
            JsonNode ruleNodes = stepNode.get("events");
            if (ruleNodes == null || !ruleNodes.isArray() || ruleNodes.isEmpty() || ruleNodes.size() > MAX_RULES) {
                throw new Refused(at + ".events", at + ".events must be an array of 1 to " + MAX_RULES
                        + " event rules", false);
            }
            List<Rule> rules = new ArrayList<>();
            for (int r = 0; r < ruleNodes.size(); r++) {
                rules.add(rule(ruleNodes.get(r), at + ".events[" + r + "]"));
            }
            steps.add(new Step(stepKey, stepName.strip(), rules));
        }
        return new StepSetDefinition(key, name.strip(), steps);
    }

    private static Rule rule(JsonNode node, String at) {
        if (node == null || !node.isObject()) {
            throw new Refused(at, at + " must be an object with type and conditions", false);
        }
        String type = text(node, "type", at + ".type");
        if (type == null || type.isBlank()) {
            throw new Refused(at + ".type", at + ".type is required: a domain event's name such as MessageReceived",
                    false);
        }
        Class<?> eventType = DomainEventTypes.byName(type).orElseThrow(() -> new Refused(at + ".type",
                at + ".type '" + type + "' is not a known event type (see GET …/step-sets/templates for the list)",
                true));
        if (!DomainEventTypes.namesAContact(eventType)) {
            throw new Refused(at + ".type", at + ".type '" + type + "' carries no contactId: its events belong to no "
                    + "contact, so they cannot reach a contact's step", true);
        }
        JsonNode conditionNodes = node.get("conditions");
        List<Condition> conditions = new ArrayList<>();
        if (conditionNodes != null && !conditionNodes.isNull()) {
            if (!conditionNodes.isArray() || conditionNodes.size() > MAX_CONDITIONS) {
                throw new Refused(at + ".conditions", at + ".conditions must be an array of at most "
                        + MAX_CONDITIONS + " conditions", false);
            }
            for (int c = 0; c < conditionNodes.size(); c++) {
                conditions.add(condition(conditionNodes.get(c), eventType, at + ".conditions[" + c + "]"));
            }
        }
        return new Rule(type, conditions);
    }

    private static Condition condition(JsonNode node, Class<?> eventType, String at) {
        if (node == null || !node.isObject()) {
            throw new Refused(at, at + " must be an object with path, op and (except for exists) value", false);
        }
        String path = text(node, "path", at + ".path");
        if (path == null || !PATH.matcher(path).matches()) {
            throw new Refused(at + ".path", at + ".path must be field names joined by '.', such as "
                    + "context.referral.sourceType", false);
        }
        String opText = text(node, "op", at + ".op");
        Operator op = Operator.parse(opText).orElseThrow(() -> new Refused(at + ".op", at + ".op '" + opText
                + "' is not an operator; use exists, eq, neq or in", false));
        JsonNode value = node.get("value");
        switch (op) {
            case EXISTS:
                if (value != null && !value.isNull()) {
                    throw new Refused(at + ".value", at + ": exists takes no value", false);
                }
                value = null;
                break;
            case EQ:
            case NEQ:
                if (value == null || !value.isValueNode() || value.isNull()) {
                    throw new Refused(at + ".value", at + ": " + op.wireName()
                            + " needs a value (a string, number or boolean)", false);
                }
                break;
            case IN:
                if (value == null || !value.isArray() || value.isEmpty() || value.size() > 50) {
                    throw new Refused(at + ".value", at + ": in needs an array of 1 to 50 values", false);
                }
                for (JsonNode element : value) {
                    if (!element.isValueNode() || element.isNull()) {
                        throw new Refused(at + ".value", at + ": in takes strings, numbers or booleans", false);
                    }
                }
                break;
            default:
                throw new IllegalStateException(op.name());
        }
        checkPath(eventType, path, at + ".path");
        return new Condition(path, op, value);
    }

    /** Follows the path through the event's record components as far as their types are records. */
    private static void checkPath(Class<?> eventType, String path, String at) {
        Type current = eventType;
        String[] segments = path.split("\\.");
        for (int i = 0; i < segments.length; i++) {
            Class<?> type = raw(current);
            if (type == null || !type.isRecord()) {
                if (type != null && (type.isEnum() || type.isPrimitive() || type.getName().startsWith("java."))
                        && !java.util.Collection.class.isAssignableFrom(type) && !java.util.Map.class.isAssignableFrom(type)) {
                    throw new Refused(at, at + " '" + path + "': '" + segments[i - 1] + "' is a plain value, it has no "
                            + "field '" + segments[i] + "'", true);
                }
                return;
            }
            String segment = segments[i];
            Optional<RecordComponent> component = DomainEventTypes.component(type, segment);
            if (component.isEmpty()) {
                List<String> names = new ArrayList<>();
                for (RecordComponent c : type.getRecordComponents()) {
                    names.add(c.getName());
                }
                throw new Refused(at, at + " '" + path + "': " + type.getSimpleName() + " has no field '" + segment
                        + "'; its fields are " + String.join(", ", names), true);
            }
            if (component.get().isAnnotationPresent(PersonalData.class)) {
                // sealed in the event log: unreadable once the contact is erased or the text expires, so a rule over
                // it would count live what a rebuild or a later backfill could no longer see
                throw new Refused(at, at + " '" + path + "': '" + segment + "' of " + type.getSimpleName()
                        + " is personal data, sealed in the event log; a rule reads ids, types and statuses only", true);
            }
            current = component.get().getGenericType();
        }
    }

    private static Class<?> raw(Type type) {
        if (type instanceof Class<?> c) {
            return c;
        }
        if (type instanceof ParameterizedType p && p.getRawType() instanceof Class<?> c) {
            return c;
        }
        return null;
    }

    private static String text(JsonNode node, String field, String at) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw new Refused(at, at + " must be a string", false);
        }
        return value.asText();
    }

    /** A refused definition: the field (a JSON path), and whether it is malformed (400) or unprocessable (422). */
    public static final class Refused extends IllegalArgumentException {

        private final String field;
        private final boolean unprocessable;

        public Refused(String field, String message, boolean unprocessable) {
            super(message);
            this.field = field;
            this.unprocessable = unprocessable;
        }

        public String field() {
            return field;
        }

        public boolean unprocessable() {
            return unprocessable;
        }
    }

}
