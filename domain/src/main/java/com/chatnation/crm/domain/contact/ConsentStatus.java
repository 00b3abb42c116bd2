package com.chatnation.crm.domain.contact;

/** Whether the contact agreed to receive marketing messages. */
public enum ConsentStatus {
    OPTED_IN,
    OPTED_OUT
}
