package com.chatnation.crm.domain.template;

/**
 * A template's header: {@code TEXT} with at most one parameter, or a media format ({@code IMAGE}, {@code VIDEO},
 * {@code DOCUMENT}) whose file is given when the template is sent.
 *
 * @param example the text parameter's sample, or for media the sample file's upload handle Meta reviews
 */
public record TemplateHeader(String format, String text, String example) {
}
