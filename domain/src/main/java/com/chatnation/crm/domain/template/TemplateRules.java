package com.chatnation.crm.domain.template;

import com.chatnation.crm.domain.common.DomainRuleViolation;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What Meta accepts as a message template, checked before anything is submitted so a refusal names the rule
 * rather than arriving as a Graph API error: names of lowercase letters, digits and underscores (at most 512),
 * a language code such as {@code en}, {@code en_US} or {@code sw}, a body of at most 1,024 characters whose
 * parameters are either all positional ({@code {{1}}}, {@code {{2}}}, … without gaps) or all named, each with a
 * sample, and never first or last; a header of at most 60 characters with at most one parameter, or a media
 * header with a sample file; a footer of at most 60 characters without parameters; at most 10 buttons (quick
 * replies and at most 2 URL buttons, texts of at most 25 characters, a URL parameter only at the link's end).
 */
public final class TemplateRules {

    public static final int MAX_NAME = 512;
    public static final int MAX_BODY = 1024;
    public static final int MAX_HEADER_TEXT = 60;
    public static final int MAX_FOOTER = 60;
    public static final int MAX_BUTTONS = 10;
    public static final int MAX_URL_BUTTONS = 2;
    public static final int MAX_BUTTON_TEXT = 25;
    public static final int MAX_URL = 2000;
    static final Set<String> MEDIA_FORMATS = Set.of("IMAGE", "VIDEO", "DOCUMENT");

    private static final Pattern NAME = Pattern.compile("[a-z0-9_]+");
    private static final Pattern LANGUAGE = Pattern.compile("[a-z]{2,3}(_[A-Z]{2})?");
    private static final Pattern POSITIONAL = Pattern.compile("[1-9][0-9]{0,2}");
    private static final Pattern NAMED = Pattern.compile("[a-z][a-z0-9_]{0,99}");

    private TemplateRules() {
    }

    public static void check(String name, String language, TemplateCategory category, TemplateContent content) {
        if (name == null || name.isEmpty() || name.length() > MAX_NAME || !NAME.matcher(name).matches()) {
            refuse("invalid_template_name", "a template name is 1 to " + MAX_NAME
                    + " lowercase letters, digits and underscores, was '" + clip(name) + "'");
        }
        if (language == null || !LANGUAGE.matcher(language).matches()) {
            refuse("invalid_template_language", "a template language is a code such as en, en_US or sw, was '"
                    + clip(language) + "'");
        }
        if (category == null) {
            refuse("invalid_template_category", "a template category is MARKETING, UTILITY or AUTHENTICATION");
        }
        if (content == null) {
            refuse("missing_template_body", "a template needs a body");
        }
        checkBody(content);
        checkHeader(content.header());
        checkFooter(content.footer());
        checkButtons(content.buttons());
    }

    private static void checkBody(TemplateContent content) {
        String body = content.body();
        if (body == null || body.isBlank()) {
            refuse("missing_template_body", "a template needs a body");
        }
        if (body.length() > MAX_BODY) {
            refuse("template_body_too_long", "a template body has at most " + MAX_BODY + " characters, had "
                    + body.length());
        }
        checkPlaceholders(body, "body");
        List<String> parameters = content.bodyParameters();
        boolean positional = parameters.stream().allMatch(p -> POSITIONAL.matcher(p).matches());
        boolean named = parameters.stream().allMatch(p -> NAMED.matcher(p).matches());
        if (!positional && !named) {
            refuse("mixed_template_parameters", "body parameters are either all positional ({{1}}, {{2}}, …) or all "
                    + "named ({{first_name}}), not both: " + parameters);
        }
        if (positional) {
            for (int i = 1; i <= parameters.size(); i++) {
                if (!parameters.contains(String.valueOf(i))) {
                    refuse("template_parameter_gap", "positional parameters run from {{1}} to {{" + parameters.size()
                            + "}} without a gap; {{" + i + "}} is missing");
                }
            }
        }
        String stripped = body.strip();
        if (!parameters.isEmpty() && (stripped.startsWith("{{") || stripped.endsWith("}}"))) {
            refuse("template_parameter_at_edge", "a body may not start or end with a parameter");
        }
        Set<String> examples = new HashSet<>();
        for (TemplateExample example : content.bodyExamples()) {
            if (example == null || example.name() == null || !parameters.contains(example.name().strip())) {
                refuse("unknown_template_example", "a sample names a parameter the body does not have: "
                        + (example == null ? null : example.name()));
            }
            if (example.example() == null || example.example().isBlank()) {
                refuse("missing_template_example", "the sample of {{" + example.name() + "}} is empty");
            }
            examples.add(example.name().strip());
        }
        for (String parameter : parameters) {
            if (!examples.contains(parameter)) {
                refuse("missing_template_example", "Meta reviews templates with samples: {{" + parameter
                        + "}} has none");
            }
        }
    }

    private static void checkHeader(TemplateHeader header) {
        if (header == null) {
            return;
        }
        if ("TEXT".equals(header.format())) {
            if (header.text() == null || header.text().isBlank() || header.text().length() > MAX_HEADER_TEXT) {
                refuse("invalid_template_header", "a text header has 1 to " + MAX_HEADER_TEXT + " characters");
            }
            checkPlaceholders(header.text(), "header");
            List<String> parameters = TemplateContent.parameters(header.text());
            if (parameters.size() > 1) {
                refuse("invalid_template_header", "a text header has at most one parameter, had " + parameters);
            }
            if (!parameters.isEmpty() && (header.example() == null || header.example().isBlank())) {
                refuse("missing_template_example", "the header's parameter needs a sample");
            }
        } else if (MEDIA_FORMATS.contains(header.format())) {
            if (header.text() != null && !header.text().isEmpty()) {
                refuse("invalid_template_header", "a " + header.format() + " header has no text");
            }
            if (header.example() == null || header.example().isBlank()) {
                refuse("missing_template_example", "a " + header.format() + " header needs a sample file's handle");
            }
        } else {
            refuse("invalid_template_header", "a header's format is TEXT, IMAGE, VIDEO or DOCUMENT, was '"
                    + clip(header.format()) + "'");
        }
    }

    private static void checkFooter(String footer) {
        if (footer == null) {
            return;
        }
        if (footer.isBlank() || footer.length() > MAX_FOOTER) {
            refuse("invalid_template_footer", "a footer has 1 to " + MAX_FOOTER + " characters");
        }
        if (footer.contains("{{")) {
            refuse("invalid_template_footer", "a footer has no parameters");
        }
    }

    private static void checkButtons(List<TemplateButton> buttons) {
        if (buttons.size() > MAX_BUTTONS) {
            refuse("too_many_template_buttons", "a template has at most " + MAX_BUTTONS + " buttons");
        }
        int urls = 0;
        for (TemplateButton button : buttons) {
            if (button == null) {
                refuse("invalid_template_button", "a button is missing");
            }
            if (button.text() == null || button.text().isBlank() || button.text().length() > MAX_BUTTON_TEXT) {
                refuse("invalid_template_button", "a button's text has 1 to " + MAX_BUTTON_TEXT + " characters");
            }
            if (TemplateButton.URL.equals(button.type())) {
                urls++;
                checkUrlButton(button);
            } else if (!TemplateButton.QUICK_REPLY.equals(button.type())) {
                refuse("invalid_template_button", "a button is QUICK_REPLY or URL, was '" + clip(button.type()) + "'");
            } else if (button.url() != null) {
                refuse("invalid_template_button", "a quick reply button has no link");
            }
        }
        if (urls > MAX_URL_BUTTONS) {
            refuse("too_many_template_buttons", "a template has at most " + MAX_URL_BUTTONS + " URL buttons");
        }
    }

    private static void checkUrlButton(TemplateButton button) {
        String url = button.url();
        if (url == null || url.length() > MAX_URL || !(url.startsWith("https://") || url.startsWith("http://"))) {
            refuse("invalid_template_button", "a URL button's link is an http(s) address of at most " + MAX_URL
                    + " characters");
        }
        List<String> parameters = TemplateContent.parameters(url);
        if (parameters.size() > 1 || !parameters.isEmpty() && !url.endsWith("{{1}}")) {
            refuse("invalid_template_button", "a URL button's link may end in one parameter {{1}}, nowhere else");
        }
        if (!parameters.isEmpty() && (button.example() == null || !button.example().startsWith("http"))) {
            refuse("missing_template_example", "a URL button with a parameter needs a full sample link");
        }
    }

    /** Braces that do not form a placeholder ({{ 1 }, {{}}) are refused, as Meta would. */
    private static void checkPlaceholders(String text, String where) {
        String rest = TemplateContent.PLACEHOLDER.matcher(text).replaceAll(match -> {
            String name = match.group(1).strip();
            return POSITIONAL.matcher(name).matches() || NAMED.matcher(name).matches() ? "" : match.group();
        });
        if (rest.contains("{{") || rest.contains("}}")) {
            refuse("invalid_template_parameter", "the " + where + " has a malformed parameter: parameters are {{1}} "
                    + "or {{name}} (lowercase letters, digits, underscores)");
        }
    }

    private static String clip(String value) {
        return value == null ? null : value.length() > 40 ? value.substring(0, 40) + "…" : value;
    }

    private static void refuse(String code, String message) {
        throw new DomainRuleViolation(code, message);
    }
}
