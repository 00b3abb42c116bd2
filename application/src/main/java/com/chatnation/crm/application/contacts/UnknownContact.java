package com.chatnation.crm.application.contacts;

import com.chatnation.crm.application.platform.web.RefusedRequest;
import org.springframework.http.HttpStatus;

/** The organization has no contact of that id (never had, or erased it). */
class UnknownContact extends RefusedRequest {

    UnknownContact(String contactId) {
        super(HttpStatus.NOT_FOUND, "not_found", "no contact " + contactId + " in this organization");
    }
}
