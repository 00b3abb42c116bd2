package com.chatnation.crm.application.staff;

/** A login, refresh or invitation that cannot give a session; the message says why without revealing accounts. */
class SessionRefused extends RuntimeException {

    private final String code;

    SessionRefused(String code, String message) {
        super(message);
        this.code = code;
    }

    String code() {
        return code;
    }
}
