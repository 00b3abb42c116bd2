package com.chatnation.crm.projections.analytics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;

/**
 * Built-in step sets an organization starts from. {@code elevate} is the Elevate journey of the seed (Hook → Gift →
 * Identify → Engage → Sell → Nurture → Upsell → Educate → Share); {@code bot} the bot's own steps.
 * <ul>
 *   <li>Hook: a message that came through a click-to-WhatsApp ad ({@code context.referral.sourceType} = ad).</li>
 *   <li>Gift: a HypeCard generated for the contact.</li>
 *   <li>Identify: an answer to the survey's name question (option {@code nameQuestionId}, default {@code name}).</li>
 *   <li>Engage: a reply of the bot read by the contact.</li>
 *   <li>Sell: tickets paid for (issued). Token top-ups are the organization's purchases, not a contact's, so they
 *       cannot reach a contact's step.</li>
 *   <li>Nurture: a broadcast read. The seed's "within 7 days after a purchase" is the funnel's part: Nurture comes
 *       after Sell, and a funnel's conversion window bounds when it counts.</li>
 *   <li>Upsell: tickets paid for again. Funnels over step sets take each step from a different event than the step
 *       before, and after it, so in Sell → Nurture → Upsell only a purchase after the broadcast was read counts.</li>
 *   <li>Educate: an item of a content program delivered to the contact.</li>
 *   <li>Share: a HypeCard shared.</li>
 * </ul>
 */
public final class StepSetTemplates {

    public static final String ELEVATE = "elevate";
    public static final String BOT = "bot";
    public static final String NAME_QUESTION_OPTION = "nameQuestionId";
    public static final String DEFAULT_NAME_QUESTION = "name";
    public static final List<String> ALL = List.of(ELEVATE, BOT);

    private static final ObjectMapper JSON = new ObjectMapper();

    private static final String ELEVATE_JSON = """
            {"name": "Elevate journey", "steps": [
              {"key": "hook", "name": "Hook", "events": [{"type": "MessageReceived",
                "conditions": [{"path": "context.referral.sourceType", "op": "eq", "value": "ad"}]}]},
              {"key": "gift", "name": "Gift", "events": [{"type": "CardGenerated", "conditions": []}]},
              {"key": "identify", "name": "Identify", "events": [{"type": "QuestionAnswered",
                "conditions": [{"path": "questionId", "op": "eq", "value": "name"}]}]},
              {"key": "engage", "name": "Engage", "events": [{"type": "ReplyDeliveryUpdated",
                "conditions": [{"path": "status", "op": "eq", "value": "read"}]}]},
              {"key": "sell", "name": "Sell", "events": [{"type": "TicketsIssued", "conditions": []}]},
              {"key": "nurture", "name": "Nurture", "events": [{"type": "RecipientDeliveryUpdated",
                "conditions": [{"path": "status", "op": "eq", "value": "read"}]}]},
              {"key": "upsell", "name": "Upsell", "events": [{"type": "TicketsIssued", "conditions": []}]},
              {"key": "educate", "name": "Educate", "events": [{"type": "ProgramItemDelivered", "conditions": []}]},
              {"key": "share", "name": "Share", "events": [{"type": "CardShared", "conditions": []}]}]}""";

    private static final String BOT_JSON = """
            {"name": "The bot's steps", "steps": [
              {"key": "message", "name": "Message received", "events": [{"type": "MessageReceived", "conditions": []}]},
              {"key": "ticket_flow", "name": "Ticket flow entered", "events": [{"type": "StateChanged",
                "conditions": [{"path": "toState", "op": "eq", "value": "purchasing_ticket"}]}]},
              {"key": "survey_started", "name": "Survey started", "events": [{"type": "SurveyResponseStarted",
                "conditions": []}]},
              {"key": "survey_completed", "name": "Survey completed", "events": [{"type": "SurveyResponseCompleted",
                "conditions": []}]},
              {"key": "tickets_reserved", "name": "Tickets reserved", "events": [{"type": "TicketsReserved",
                "conditions": []}]},
              {"key": "tickets_paid", "name": "Tickets paid", "events": [{"type": "TicketsIssued", "conditions": []}]}]}""";

    private StepSetTemplates() {
    }

    /** The template's definition (name and steps), with the name question filled in for elevate. */
    public static Optional<ObjectNode> body(String template, String nameQuestionId) {
        String question = nameQuestionId == null || nameQuestionId.isBlank() ? DEFAULT_NAME_QUESTION
                : nameQuestionId;
        try {
            if (ELEVATE.equals(template)) {
                ObjectNode body = (ObjectNode) JSON.readTree(ELEVATE_JSON);
                ((ObjectNode) body.path("steps").path(2).path("events").path(0).path("conditions").path(0))
                        .put("value", question);
                return Optional.of(body);
            }
            if (BOT.equals(template)) {
                return Optional.of((ObjectNode) JSON.readTree(BOT_JSON));
            }
            return Optional.empty();
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The template checked as a step set with this key. */
    public static Optional<StepSetDefinition> definition(String template, String key, String nameQuestionId) {
        return body(template, nameQuestionId).map(body -> StepSetDefinition.parse(key, (JsonNode) body));
    }
}
