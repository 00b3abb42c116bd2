package com.chatnation.crm.application.organizations;

/** Each WhatsApp number routes to exactly one organization. */
public class PhoneNumberAlreadyOnboarded extends RuntimeException {

    public PhoneNumberAlreadyOnboarded(String phoneNumberId) {
        super("WhatsApp phone_number_id " + phoneNumberId + " already belongs to an organization");
    }
}
