package com.chatnation.crm.application.templates;

import com.chatnation.crm.domain.template.TemplateButton;
import com.chatnation.crm.domain.template.TemplateCategory;
import com.chatnation.crm.domain.template.TemplateContent;
import com.chatnation.crm.domain.template.TemplateExample;
import com.chatnation.crm.domain.template.TemplateHeader;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Translates between a template's content and the Graph API's {@code message_templates} JSON: the submission
 * (components with Meta's {@code example} shapes, {@code parameter_format} POSITIONAL or NAMED) and, for a sync,
 * Meta's description of a template back into content.
 */
final class MetaTemplates {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private MetaTemplates() {
    }

    static ObjectNode submission(String name, String language, TemplateCategory category, TemplateContent content) {
        boolean named = "NAMED".equals(content.parameterFormat());
        ObjectNode template = JSON.objectNode();
        template.put("name", name);
        template.put("language", language);
        template.put("category", category.name());
        template.put("parameter_format", content.parameterFormat());
        ArrayNode components = template.putArray("components");
        TemplateHeader header = content.header();
        if (header != null) {
            ObjectNode component = components.addObject().put("type", "HEADER").put("format", header.format());
            if ("TEXT".equals(header.format())) {
                component.put("text", header.text());
                List<String> parameters = content.headerParameters();
                if (!parameters.isEmpty()) {
                    ObjectNode example = component.putObject("example");
                    if (named) {
                        example.putArray("header_text_named_params").addObject()
                                .put("param_name", parameters.get(0)).put("example", header.example());
                    } else {
                        example.putArray("header_text").add(header.example());
                    }
                }
            } else {
                component.putObject("example").putArray("header_handle").add(header.example());
            }
        }
        ObjectNode body = components.addObject().put("type", "BODY").put("text", content.body());
        List<String> parameters = content.bodyParameters();
        if (!parameters.isEmpty()) {
            ObjectNode example = body.putObject("example");
            if (named) {
                ArrayNode examples = example.putArray("body_text_named_params");
                for (String parameter : parameters) {
                    examples.addObject().put("param_name", parameter).put("example", exampleOf(content, parameter));
                }
            } else {
                ArrayNode row = example.putArray("body_text").addArray();
                for (int position = 1; position <= parameters.size(); position++) {
                    row.add(exampleOf(content, String.valueOf(position)));
                }
            }
        }
        if (content.footer() != null) {
            components.addObject().put("type", "FOOTER").put("text", content.footer());
        }
        if (!content.buttons().isEmpty()) {
            ArrayNode buttons = components.addObject().put("type", "BUTTONS").putArray("buttons");
            for (TemplateButton button : content.buttons()) {
                ObjectNode node = buttons.addObject().put("type", button.type()).put("text", button.text());
                if (TemplateButton.URL.equals(button.type())) {
                    node.put("url", button.url());
                    if (button.hasParameter()) {
                        node.putArray("example").add(button.example());
                    }
                }
            }
        }
        return template;
    }

    private static String exampleOf(TemplateContent content, String parameter) {
        return content.bodyExamples().stream().filter(e -> parameter.equals(e.name().strip()))
                .map(TemplateExample::example).findFirst().orElse("");
    }

    /** Meta's description of a template as content, as far as it can be read (Meta reviewed it, not this service). */
    static TemplateContent content(JsonNode template) {
        TemplateHeader header = null;
        String body = null;
        String footer = null;
        List<TemplateExample> examples = new ArrayList<>();
        List<TemplateButton> buttons = new ArrayList<>();
        for (JsonNode component : template.path("components")) {
            String type = component.path("type").asText("").toUpperCase(Locale.ROOT);
            switch (type) {
                case "HEADER" -> {
                    String format = component.path("format").asText("TEXT").toUpperCase(Locale.ROOT);
                    JsonNode example = component.path("example");
                    String sample = "TEXT".equals(format)
                            ? first(example.path("header_text"), example.path("header_text_named_params"))
                            : example.path("header_handle").path(0).asText(null);
                    header = new TemplateHeader(format, component.path("text").asText(null), sample);
                }
                case "BODY" -> {
                    body = component.path("text").asText(null);
                    JsonNode example = component.path("example");
                    JsonNode positional = example.path("body_text").path(0);
                    for (int i = 0; i < positional.size(); i++) {
                        examples.add(new TemplateExample(String.valueOf(i + 1), positional.path(i).asText()));
                    }
                    for (JsonNode named : example.path("body_text_named_params")) {
                        examples.add(new TemplateExample(named.path("param_name").asText(), named.path("example").asText()));
                    }
                }
                case "FOOTER" -> footer = component.path("text").asText(null);
                case "BUTTONS" -> {
                    for (JsonNode button : component.path("buttons")) {
                        buttons.add(new TemplateButton(button.path("type").asText(null), button.path("text").asText(null),
                                button.path("url").asText(null), button.path("example").path(0).asText(null)));
                    }
                }
                default -> {
                    // carousels, limited-time offers, …: kept by Meta, not described here
                }
            }
        }
        return new TemplateContent(header, body, examples, footer, buttons);
    }

    private static String first(JsonNode positional, JsonNode named) {
        if (positional.isArray() && !positional.isEmpty()) {
            return positional.path(0).asText(null);
        }
        return named.isArray() && !named.isEmpty() ? named.path(0).path("example").asText(null) : null;
    }
}
