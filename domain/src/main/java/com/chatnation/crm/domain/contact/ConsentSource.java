package com.chatnation.crm.domain.contact;

/** Where a consent recorded on the profile came from. */
public enum ConsentSource {
    /** Staff or an integration, over the API. */
    API,
    /** A CSV import of contacts. */
    IMPORT
}
