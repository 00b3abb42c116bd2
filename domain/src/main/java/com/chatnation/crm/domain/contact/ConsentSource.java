package com.chatnation.crm.domain.contact;

/** Where a consent recorded on the profile came from. */
public enum ConsentSource {
    /** Staff or an integration, over the API. */
    API,
    /** A CSV import of contacts. */
    IMPORT,
    /**
     * WhatsApp refused a marketing message with error 131050: the contact stopped the business's marketing
     * messages in WhatsApp itself (recorded on the profile of a contact who never wrote).
     */
    WHATSAPP
}
