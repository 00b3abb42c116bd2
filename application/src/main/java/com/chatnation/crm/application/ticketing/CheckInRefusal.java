package com.chatnation.crm.application.ticketing;

import com.chatnation.crm.application.platform.web.RefusedRequest;
import org.springframework.http.HttpStatus;

import java.util.Map;

/** A ticket a gate does not let in, with a precise status and code, and what the gate staff need to say why. */
final class CheckInRefusal extends RefusedRequest {

    private final Map<String, Object> details;

    CheckInRefusal(HttpStatus status, String code, String message, Map<String, Object> details) {
        super(status, code, message);
        this.details = Map.copyOf(details);
    }

    CheckInRefusal(HttpStatus status, String code, String message) {
        this(status, code, message, Map.of());
    }

    @Override
    public Map<String, Object> details() {
        return details;
    }
}
