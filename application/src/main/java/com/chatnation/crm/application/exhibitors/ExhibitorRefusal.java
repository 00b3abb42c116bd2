package com.chatnation.crm.application.exhibitors;

import com.chatnation.crm.application.platform.web.RefusedRequest;
import org.springframework.http.HttpStatus;

/** Why an exhibitor request was refused: an unknown event, exhibitor or member (404), a booth code taken (409). */
final class ExhibitorRefusal extends RefusedRequest {

    private ExhibitorRefusal(HttpStatus status, String code, String message) {
        super(status, code, message);
    }

    static ExhibitorRefusal notFound(String message) {
        return new ExhibitorRefusal(HttpStatus.NOT_FOUND, "not_found", message);
    }

    static ExhibitorRefusal conflict(String code, String message) {
        return new ExhibitorRefusal(HttpStatus.CONFLICT, code, message);
    }

    static ExhibitorRefusal unprocessable(String code, String message) {
        return new ExhibitorRefusal(HttpStatus.UNPROCESSABLE_ENTITY, code, message);
    }
}
