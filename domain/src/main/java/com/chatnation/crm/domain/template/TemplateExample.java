package com.chatnation.crm.domain.template;

/**
 * The sample value Meta's review sees for one body parameter: {@code name} is the position ("1", "2", …) for
 * positional parameters, or the parameter's name.
 */
public record TemplateExample(String name, String example) {
}
