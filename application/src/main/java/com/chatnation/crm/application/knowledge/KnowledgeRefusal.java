package com.chatnation.crm.application.knowledge;

import com.chatnation.crm.application.platform.web.RefusedRequest;
import org.springframework.http.HttpStatus;

/** A knowledge-base request refused with a precise status and code. */
final class KnowledgeRefusal extends RefusedRequest {

    KnowledgeRefusal(HttpStatus status, String code, String message) {
        super(status, code, message);
    }

    static KnowledgeRefusal notFound(String what) {
        return new KnowledgeRefusal(HttpStatus.NOT_FOUND, "not_found", "no " + what);
    }
}
