package com.chatnation.crm.application.analytics;

import com.chatnation.crm.application.platform.web.RefusedRequest;
import com.chatnation.crm.projections.analytics.StepSetDefinition;
import org.springframework.http.HttpStatus;

import java.util.List;
import java.util.Map;

/** A step set refused: 400 when malformed, 422 when it names what does not exist or cannot reach a contact. */
class StepSetRefusal extends RefusedRequest {

    private final String field;

    StepSetRefusal(HttpStatus status, String field, String message) {
        super(status, status == HttpStatus.BAD_REQUEST ? "invalid_request" : "invalid_step_set", message);
        this.field = field;
    }

    static StepSetRefusal of(StepSetDefinition.Refused refused) {
        return new StepSetRefusal(refused.unprocessable() ? HttpStatus.UNPROCESSABLE_ENTITY : HttpStatus.BAD_REQUEST,
                refused.field(), refused.getMessage());
    }

    /** The refused field as a JSON path ({@code steps[0].events[0].type}), as {@code errors} names it. */
    String field() {
        return field;
    }

    @Override
    public Map<String, Object> details() {
        return Map.of("errors", List.of(Map.of("field", field, "message", getMessage())));
    }
}
