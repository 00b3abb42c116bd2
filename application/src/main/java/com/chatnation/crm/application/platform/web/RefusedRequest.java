package com.chatnation.crm.application.platform.web;

import org.springframework.http.HttpStatus;

import java.util.Map;

/**
 * A request a feature refuses with a precise status and a stable code, turned into a problem document by
 * {@link ApiErrors} without ApiErrors knowing the feature.
 */
public abstract class RefusedRequest extends RuntimeException {

    private final HttpStatus status;
    private final String code;

    protected RefusedRequest(HttpStatus status, String code, String message) {
        super(message);
        this.status = status;
        this.code = code;
    }

    public HttpStatus status() {
        return status;
    }

    public String code() {
        return code;
    }

    /** Extra members of the problem document, such as the balance that could not pay. */
    public Map<String, Object> details() {
        return Map.of();
    }
}
