package com.chatnation.crm.application.hypecards;

import com.chatnation.crm.application.platform.web.RefusedRequest;
import org.springframework.http.HttpStatus;

/** A HypeCard request refused with a precise status and code. */
final class CardRefusal extends RefusedRequest {

    CardRefusal(HttpStatus status, String code, String message) {
        super(status, code, message);
    }
}
