package com.chatnation.crm.application.platform.whatsapp;

import java.time.Duration;

/**
 * A request to the Cloud API that may succeed if made again: HTTP 429, 5xx, a throttling error code, or a transport
 * failure. What {@code RetryPolicies#CLOUD_API} retries; never leaves {@link WhatsAppCloudClient}.
 */
final class TransientSendFailure extends RuntimeException {

    private final String phoneNumberId;
    private final transient SendResult.Failed failure;
    private final Duration retryAfter;

    TransientSendFailure(String phoneNumberId, SendResult.Failed failure, Duration retryAfter) {
        super("HTTP " + failure.httpStatus() + ", code " + failure.errorCode(), null, false, false);
        this.phoneNumberId = phoneNumberId;
        this.failure = failure;
        this.retryAfter = retryAfter;
    }

    public String phoneNumberId() {
        return phoneNumberId;
    }

    public SendResult.Failed failure() {
        return failure;
    }

    /** What the response's {@code Retry-After} asked for, or null. */
    public Duration retryAfter() {
        return retryAfter;
    }
}
