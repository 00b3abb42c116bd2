package com.chatnation.crm.domain.template;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a template says: an optional header, the body (with positional {@code {{1}}} or named {@code {{name}}}
 * parameters and a sample for each), an optional footer and buttons. {@link TemplateRules} decides whether Meta
 * would take it.
 */
public record TemplateContent(TemplateHeader header, String body, List<TemplateExample> bodyExamples, String footer,
                              List<TemplateButton> buttons) {

    static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{([^{}]*)}}");

    public TemplateContent {
        bodyExamples = bodyExamples == null ? List.of() : List.copyOf(bodyExamples);
        buttons = buttons == null ? List.of() : List.copyOf(buttons);
    }

    /** The body's parameters in order of appearance ("1", "2", … or names), each once. */
    public List<String> bodyParameters() {
        return parameters(body);
    }

    /** The header's text parameters (none for a media header). */
    public List<String> headerParameters() {
        return header == null || !"TEXT".equals(header.format()) ? List.of() : parameters(header.text());
    }

    public boolean hasMediaHeader() {
        return header != null && TemplateRules.MEDIA_FORMATS.contains(header.format());
    }

    /** Positions of the URL buttons that take a parameter when sent. */
    public List<Integer> parameterisedButtons() {
        List<Integer> indexes = new ArrayList<>();
        for (int i = 0; i < buttons.size(); i++) {
            if (buttons.get(i) != null && buttons.get(i).hasParameter()) {
                indexes.add(i);
            }
        }
        return indexes;
    }

    /** {@code NAMED} when the body names its parameters, else {@code POSITIONAL} (Meta's parameter_format). */
    public String parameterFormat() {
        return bodyParameters().stream().anyMatch(p -> !p.chars().allMatch(Character::isDigit)) ? "NAMED" : "POSITIONAL";
    }

    static List<String> parameters(String text) {
        List<String> found = new ArrayList<>();
        if (text == null) {
            return found;
        }
        Matcher matcher = PLACEHOLDER.matcher(text);
        while (matcher.find()) {
            String name = matcher.group(1).strip();
            if (!found.contains(name)) {
                found.add(name);
            }
        }
        return found;
    }
}
