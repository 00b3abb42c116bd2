package com.chatnation.crm.application.organizations;

import com.chatnation.crm.application.platform.web.RefusedRequest;
import org.springframework.http.HttpStatus;

/** Each WhatsApp number routes to exactly one organization: 409. */
class PhoneNumberAlreadyOnboarded extends RefusedRequest {

    public PhoneNumberAlreadyOnboarded(String phoneNumberId) {
        super(HttpStatus.CONFLICT, "conflict", "WhatsApp phone_number_id " + phoneNumberId
                + " already belongs to an organization");
    }
}
