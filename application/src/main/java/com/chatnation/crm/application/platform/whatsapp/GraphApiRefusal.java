package com.chatnation.crm.application.platform.whatsapp;

/**
 * The Graph API did not do what a management call asked (HTTP status, Graph API {@code error.code} and message, 0
 * and null when no answer came). The access token never appears in the message.
 */
public class GraphApiRefusal extends RuntimeException {

    private final int httpStatus;
    private final Integer errorCode;

    GraphApiRefusal(int httpStatus, Integer errorCode, String message) {
        super(message);
        this.httpStatus = httpStatus;
        this.errorCode = errorCode;
    }

    public int httpStatus() {
        return httpStatus;
    }

    public Integer errorCode() {
        return errorCode;
    }

    /** Meta refused the request itself (4xx other than throttling): sending it again would not help. */
    public boolean refusedByMeta() {
        return httpStatus >= 400 && httpStatus < 500 && httpStatus != 429;
    }
}
