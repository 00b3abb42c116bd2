package com.chatnation.crm.application.outbound;

import java.time.Duration;
import java.util.Objects;

/**
 * Where and how fast to call the WhatsApp Cloud API. Holds no secrets: access tokens travel with each send in
 * {@link SendingNumber}.
 *
 * @param baseUrl           Graph API root, without a trailing slash
 * @param apiVersion        Graph API version path segment, such as {@code v21.0}
 * @param connectTimeout    time allowed to open a connection
 * @param requestTimeout    time allowed for one request to be answered
 * @param maxAttempts       requests made for one message before giving up on transient failures (1 = no retry)
 * @param retryBaseDelay    backoff before the first retry; doubles per attempt (full jitter applied)
 * @param retryMaxDelay     upper bound of any single wait between attempts, including one asked for by
 *                          {@code Retry-After}
 * @param messagesPerSecond sustained sends allowed per phone number id
 * @param burst             sends allowed back to back before the rate applies
 */
public record WhatsAppProperties(
        String baseUrl,
        String apiVersion,
        Duration connectTimeout,
        Duration requestTimeout,
        int maxAttempts,
        Duration retryBaseDelay,
        Duration retryMaxDelay,
        double messagesPerSecond,
        int burst) {

    public static final String DEFAULT_BASE_URL = "https://graph.facebook.com";
    public static final String DEFAULT_API_VERSION = "v21.0";

    public WhatsAppProperties {
        Objects.requireNonNull(baseUrl, "baseUrl");
        Objects.requireNonNull(apiVersion, "apiVersion");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(requestTimeout, "requestTimeout");
        Objects.requireNonNull(retryBaseDelay, "retryBaseDelay");
        Objects.requireNonNull(retryMaxDelay, "retryMaxDelay");
        while (baseUrl.endsWith("/")) {
            baseUrl = baseUrl.substring(0, baseUrl.length() - 1);
        }
        if (baseUrl.isBlank() || apiVersion.isBlank()) {
            throw new IllegalArgumentException("baseUrl and apiVersion must not be blank");
        }
        if (!isPositive(connectTimeout) || !isPositive(requestTimeout)) {
            throw new IllegalArgumentException("timeouts must be positive");
        }
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, was " + maxAttempts);
        }
        if (retryBaseDelay.isNegative() || retryMaxDelay.compareTo(retryBaseDelay) < 0) {
            throw new IllegalArgumentException("retry delays must satisfy 0 <= retryBaseDelay <= retryMaxDelay");
        }
        if (!(messagesPerSecond > 0) || Double.isInfinite(messagesPerSecond)) {
            throw new IllegalArgumentException("messagesPerSecond must be positive, was " + messagesPerSecond);
        }
        if (burst < 1) {
            throw new IllegalArgumentException("burst must be at least 1, was " + burst);
        }
    }

    /** Graph API at graph.facebook.com, v21.0, 80 messages per second per number, 4 attempts per message. */
    public static WhatsAppProperties defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder()
                .baseUrl(baseUrl)
                .apiVersion(apiVersion)
                .connectTimeout(connectTimeout)
                .requestTimeout(requestTimeout)
                .maxAttempts(maxAttempts)
                .retryBaseDelay(retryBaseDelay)
                .retryMaxDelay(retryMaxDelay)
                .messagesPerSecond(messagesPerSecond)
                .burst(burst);
    }

    private static boolean isPositive(Duration duration) {
        return !duration.isNegative() && !duration.isZero();
    }

    public static final class Builder {
        private String baseUrl = DEFAULT_BASE_URL;
        private String apiVersion = DEFAULT_API_VERSION;
        private Duration connectTimeout = Duration.ofSeconds(5);
        private Duration requestTimeout = Duration.ofSeconds(15);
        private int maxAttempts = 4;
        private Duration retryBaseDelay = Duration.ofMillis(500);
        private Duration retryMaxDelay = Duration.ofSeconds(20);
        private double messagesPerSecond = 80;
        private int burst = 80;

        private Builder() {
        }

        public Builder baseUrl(String baseUrl) {
            this.baseUrl = baseUrl;
            return this;
        }

        public Builder apiVersion(String apiVersion) {
            this.apiVersion = apiVersion;
            return this;
        }

        public Builder connectTimeout(Duration connectTimeout) {
            this.connectTimeout = connectTimeout;
            return this;
        }

        public Builder requestTimeout(Duration requestTimeout) {
            this.requestTimeout = requestTimeout;
            return this;
        }

        public Builder maxAttempts(int maxAttempts) {
            this.maxAttempts = maxAttempts;
            return this;
        }

        public Builder retryBaseDelay(Duration retryBaseDelay) {
            this.retryBaseDelay = retryBaseDelay;
            return this;
        }

        public Builder retryMaxDelay(Duration retryMaxDelay) {
            this.retryMaxDelay = retryMaxDelay;
            return this;
        }

        public Builder messagesPerSecond(double messagesPerSecond) {
            this.messagesPerSecond = messagesPerSecond;
            return this;
        }

        public Builder burst(int burst) {
            this.burst = burst;
            return this;
        }

        public WhatsAppProperties build() {
            return new WhatsAppProperties(baseUrl, apiVersion, connectTimeout, requestTimeout, maxAttempts,
                    retryBaseDelay, retryMaxDelay, messagesPerSecond, burst);
        }
    }
}
