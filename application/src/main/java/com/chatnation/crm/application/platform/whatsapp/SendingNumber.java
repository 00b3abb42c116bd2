package com.chatnation.crm.application.platform.whatsapp;

import java.util.Objects;

/**
 * The business phone number a message goes out from, with the access token allowed to send as it. The token is
 * kept out of {@link #toString()} so the value can be logged or put in exception messages safely.
 */
public record SendingNumber(String phoneNumberId, String accessToken) {

    public SendingNumber {
        Objects.requireNonNull(phoneNumberId, "phoneNumberId");
        Objects.requireNonNull(accessToken, "accessToken");
        if (!phoneNumberId.matches("[0-9]+")) {
            throw new IllegalArgumentException("phoneNumberId must be the numeric Graph API id, was '" + phoneNumberId + "'");
        }
        if (accessToken.isBlank()) {
            throw new IllegalArgumentException("accessToken must not be blank");
        }
    }

    @Override
    public String toString() {
        return "SendingNumber[phoneNumberId=" + phoneNumberId + ", accessToken=***]";
    }
}
