package com.chatnation.crm.domain.template;

/**
 * A template button: {@code QUICK_REPLY} (text only) or {@code URL} (a link, which may end in one parameter
 * {@code {{1}}} completed at send time; {@code example} is a full sample link then).
 */
public record TemplateButton(String type, String text, String url, String example) {

    public static final String QUICK_REPLY = "QUICK_REPLY";
    public static final String URL = "URL";

    public boolean hasParameter() {
        return URL.equals(type) && url != null && url.contains("{{");
    }
}
