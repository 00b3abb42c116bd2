package com.chatnation.crm.application.contacts;

import com.chatnation.crm.application.platform.web.RefusedRequest;
import org.springframework.http.HttpStatus;

/** A contact import refused as a whole: nothing of it was imported. */
class ImportRefused extends RefusedRequest {

    private ImportRefused(HttpStatus status, String code, String message) {
        super(status, code, message);
    }

    static ImportRefused malformed(String message) {
        return new ImportRefused(HttpStatus.BAD_REQUEST, "invalid_request", message);
    }

    static ImportRefused tooLarge(long maxBytes) {
        return new ImportRefused(HttpStatus.PAYLOAD_TOO_LARGE, "payload_too_large",
                "a contact import is at most " + maxBytes + " bytes; split the file");
    }
}
