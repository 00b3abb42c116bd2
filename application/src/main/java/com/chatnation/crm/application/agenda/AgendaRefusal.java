package com.chatnation.crm.application.agenda;

import com.chatnation.crm.application.platform.web.RefusedRequest;
import org.springframework.http.HttpStatus;

/** Why an agenda request was refused: an unknown event, session, speaker or venue (404). */
final class AgendaRefusal extends RefusedRequest {

    private AgendaRefusal(HttpStatus status, String code, String message) {
        super(status, code, message);
    }

    static AgendaRefusal notFound(String what) {
        return new AgendaRefusal(HttpStatus.NOT_FOUND, "not_found", "no " + what);
    }
}
