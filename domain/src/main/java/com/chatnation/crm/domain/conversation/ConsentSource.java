package com.chatnation.crm.domain.conversation;

/** Where a contact's marketing consent came from, as {@link ContactOptedOut} and {@link ContactOptedIn} name it. */
public final class ConsentSource {

    /** The contact typed one of the organization's opt-out or opt-in words. */
    public static final String KEYWORD = "keyword";
    /** Meta's {@code user_preferences} webhook: the contact stopped or resumed marketing messages in WhatsApp. */
    public static final String META_PREFERENCES = "meta_preferences";
    /** WhatsApp refused a send with 131050: the contact has stopped marketing messages. */
    public static final String ERROR_131050 = "error_131050";
    /** Staff or an integration said so over the API. */
    public static final String API = "api";

    private ConsentSource() {
    }
}
