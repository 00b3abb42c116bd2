package com.chatnation.crm.application.platform.pages;

import com.chatnation.crm.projections.queries.Cursor;

/** A page's "next rows" link parameter: absent, blank or mangled means the first page rather than an error. */
public final class PageCursor {

    private PageCursor() {
    }

    public static Cursor parse(String encoded) {
        if (encoded == null || encoded.isBlank()) {
            return null;
        }
        try {
            return Cursor.decode(encoded);
        } catch (IllegalArgumentException e) {
            return null; // a mangled link starts from the first page
        }
    }
}
