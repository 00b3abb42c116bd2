package com.chatnation.crm.application.broadcasts;

import com.chatnation.crm.projections.queries.AudienceQueries.Recipient;

/**
 * Who is left out of a broadcast, and why. A marketing template goes to no one whose latest word on marketing was
 * to stop (opt-out words, Meta's preference webhook, error 131050, or the organization's own record), nor to a
 * contact who never wrote and whose consent was never recorded (an imported number: WhatsApp requires an opt-in
 * before a business messages first). Utility and authentication templates are what a contact asked for (a ticket,
 * a code): they go to opted-out contacts too unless the organization says otherwise
 * ({@code settings/utility-to-opted-out}). Checked when the broadcast starts and again just before each send.
 */
final class Suppression {

    static final String OPTED_OUT = "opted_out";
    static final String NO_CONSENT = "no_consent";
    static final String CANCELLED = "cancelled";

    private Suppression() {
    }

    /** @return the reason the contact is left out, or null when they are sent to */
    static String atStart(boolean marketing, boolean utilityToOptedOut, Recipient recipient) {
        return of(marketing, utilityToOptedOut, recipient.marketingConsent(), recipient.wrote());
    }

    static String of(boolean marketing, boolean utilityToOptedOut, Boolean marketingConsent, boolean wrote) {
        if (!marketing) {
            return !utilityToOptedOut && Boolean.FALSE.equals(marketingConsent) ? OPTED_OUT : null;
        }
        if (Boolean.FALSE.equals(marketingConsent)) {
            return OPTED_OUT;
        }
        if (marketingConsent == null && !wrote) {
            return NO_CONSENT;
        }
        return null;
    }
}
