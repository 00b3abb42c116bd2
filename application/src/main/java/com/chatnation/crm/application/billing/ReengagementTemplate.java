package com.chatnation.crm.application.billing;

import com.chatnation.crm.application.platform.whatsapp.TemplateMessage;
import com.chatnation.crm.domain.template.MessageTemplate;
import com.chatnation.crm.domain.template.TemplateCategory;
import com.chatnation.crm.domain.template.TemplateContent;
import com.chatnation.crm.projections.queries.TemplateQueries.TemplateRow;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The approved template a reply names to re-engage with, and the message it makes of the reply. Only a template
 * the reply alone can fill goes: no header or button parameters, and at most one body parameter, which takes the
 * reply's text. Anything more would need values the reply does not have.
 */
record ReengagementTemplate(TemplateRow row, TemplateCategory category) {

    /** Any run of whitespace, line breaks and tabs included (Unicode's, not only ASCII's). */
    private static final Pattern WHITESPACE = Pattern.compile("\\s+", Pattern.UNICODE_CHARACTER_CLASS);

    /**
     * Of the templates with the reply's template name (one per language), the approved one in a language starting
     * with "en", else the first approved; empty when none is approved, or the chosen one cannot be filled from a
     * reply or has a category that has no price.
     */
    static Optional<ReengagementTemplate> choose(List<TemplateRow> named) {
        List<TemplateRow> approved = named.stream()
                .filter(t -> MessageTemplate.APPROVED.equals(t.status()) && t.deletedAt() == null)
                .toList();
        Optional<TemplateRow> chosen = approved.stream()
                .filter(t -> t.language() != null && t.language().toLowerCase(Locale.ROOT).startsWith("en"))
                .findFirst()
                .or(() -> approved.stream().findFirst());
        return chosen.filter(ReengagementTemplate::fillableFromAReply)
                .flatMap(t -> Optional.ofNullable(TemplateCategory.parse(t.category()))
                        .map(category -> new ReengagementTemplate(t, category)));
    }

    private static boolean fillableFromAReply(TemplateRow template) {
        TemplateContent content = template.content();
        return content != null && !content.hasMediaHeader() && content.headerParameters().isEmpty()
                && content.parameterisedButtons().isEmpty() && content.bodyParameters().size() <= 1;
    }

    /** The message to send for a reply saying {@code text}; empty when the body's parameter would be blank. */
    Optional<TemplateMessage> message(String text) {
        List<String> parameters = row.content().bodyParameters();
        if (parameters.isEmpty()) {
            return Optional.of(new TemplateMessage(row.name(), row.language(), null, List.of(), List.of()));
        }
        String value = parameter(text);
        if (value.isEmpty()) {
            return Optional.empty(); // WhatsApp refuses an empty parameter
        }
        String name = "NAMED".equals(row.parameterFormat()) ? parameters.get(0) : null;
        return Optional.of(new TemplateMessage(row.name(), row.language(), null,
                List.of(new TemplateMessage.Text(name, value)), List.of()));
    }

    /**
     * A reply's text as one template parameter. WhatsApp refuses parameters with line breaks, tabs or more than
     * four spaces in a row, which a reply may well have (lists, paragraphs), so every run of whitespace becomes one
     * space.
     */
    static String parameter(String text) {
        return text == null ? "" : WHITESPACE.matcher(text).replaceAll(" ").strip();
    }
}
