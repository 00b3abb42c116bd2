package com.chatnation.crm.application.templates;

import com.chatnation.crm.application.platform.web.RefusedRequest;
import org.springframework.http.HttpStatus;

import java.util.LinkedHashMap;
import java.util.Map;

/** A template request refused with its own status and code (missing parameter, not approved, Meta's refusal, …). */
class TemplateRefusal extends RefusedRequest {

    private final Map<String, Object> details;

    TemplateRefusal(HttpStatus status, String code, String message) {
        this(status, code, message, Map.of());
    }

    TemplateRefusal(HttpStatus status, String code, String message, Map<String, Object> details) {
        super(status, code, message);
        this.details = new LinkedHashMap<>(details);
    }

    static TemplateRefusal notFound(String templateId) {
        return new TemplateRefusal(HttpStatus.NOT_FOUND, "not_found", "no template " + templateId);
    }

    static TemplateRefusal badParameter(String message) {
        return new TemplateRefusal(HttpStatus.BAD_REQUEST, "invalid_parameters", message);
    }

    @Override
    public Map<String, Object> details() {
        return details;
    }
}
