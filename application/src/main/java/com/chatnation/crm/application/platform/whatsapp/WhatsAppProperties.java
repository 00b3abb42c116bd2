package com.chatnation.crm.application.platform.whatsapp;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;
import java.util.Map;

/**
 * The WhatsApp Cloud API settings ({@code crm.whatsapp.*}): where and how fast to call it, and the secrets. Secrets
 * (app secret, verify token, access tokens) come from the environment or an external config file, never from the
 * repository: {@code CRM_WHATSAPP_APP_SECRET}, {@code CRM_WHATSAPP_VERIFY_TOKEN}, {@code CRM_WHATSAPP_ACCESS_TOKEN}
 * (a system-user token for every number) and {@code CRM_WHATSAPP_ACCESS_TOKENS_<phoneNumberId>} for numbers with
 * their own token.
 *
 * @param baseUrl           Graph API root ({@code CRM_WHATSAPP_BASE_URL}); trailing slashes are dropped
 * @param apiVersion        Graph API version path segment, such as {@code v21.0}
 * @param appSecret         signs webhook deliveries; without it they are refused
 * @param verifyToken       answers Meta's webhook handshake; without it the handshake is refused
 * @param accessToken       sends replies from every number that has no token of its own
 * @param accessTokens      tokens of single numbers, by phone number id
 * @param messagesPerSecond sustained sends allowed per phone number id
 * @param burst             sends allowed back to back before the rate applies (default: one second's worth)
 * @param maxAttempts       requests made for one message before giving up on transient failures (1 = no retry)
 * @param retryBaseDelay    backoff ceiling before the first retry; doubles per attempt (full jitter applied)
 * @param retryMaxDelay     upper bound of any single wait between attempts, including one asked for by
 *                          {@code Retry-After}
 * @param connectTimeout    time allowed to open a connection
 * @param requestTimeout    time allowed for one request to be answered
 */
@Validated
@ConfigurationProperties("crm.whatsapp")
public record WhatsAppProperties(@DefaultValue(WhatsAppProperties.DEFAULT_BASE_URL) @NotBlank String baseUrl,
                                 @DefaultValue(WhatsAppProperties.DEFAULT_API_VERSION) @NotBlank String apiVersion,
                                 String appSecret,
                                 String verifyToken,
                                 String accessToken,
                                 Map<String, String> accessTokens,
                                 @DefaultValue("80") @Positive double messagesPerSecond,
                                 @Min(1) Integer burst,
                                 @DefaultValue("4") @Min(1) int maxAttempts,
                                 @DefaultValue("500ms") @NotNull @DurationMin(nanos = 0) Duration retryBaseDelay,
                                 @DefaultValue("20s") @NotNull Duration retryMaxDelay,
                                 @DefaultValue("5s") @NotNull @DurationMin(millis = 1) Duration connectTimeout,
                                 @DefaultValue("15s") @NotNull @DurationMin(millis = 1) Duration requestTimeout) {

    public static final String DEFAULT_BASE_URL = "https://graph.facebook.com";
    public static final String DEFAULT_API_VERSION = "v21.0";

    public WhatsAppProperties {
        while (baseUrl != null && baseUrl.endsWith("/")) {
            baseUrl = baseUrl.substring(0, baseUrl.length() - 1);
        }
        accessTokens = accessTokens == null ? Map.of() : Map.copyOf(accessTokens);
        if (burst == null && messagesPerSecond > 0 && Double.isFinite(messagesPerSecond)) {
            burst = (int) Math.max(1, Math.ceil(messagesPerSecond));
        }
    }

    /** Graph API at graph.facebook.com, v21.0, 80 messages per second per number, 4 attempts per message. */
    public static WhatsAppProperties defaults() {
        return new Binder(new MapConfigurationPropertySource()).bindOrCreate("crm.whatsapp", WhatsAppProperties.class);
    }

    /** The token to send from this number: its own, else the shared one, else none. */
    public String accessTokenFor(String phoneNumberId) {
        if (accessTokens.get(phoneNumberId) != null) {
            return accessTokens.get(phoneNumberId);
        }
        return accessToken == null || accessToken.isBlank() ? null : accessToken;
    }

    @AssertTrue(message = "retry-base-delay must not exceed retry-max-delay")
    public boolean isRetryDelaysOrdered() {
        return retryBaseDelay == null || retryMaxDelay == null || retryBaseDelay.compareTo(retryMaxDelay) <= 0;
    }

    @Override
    public String toString() {
        return "WhatsAppProperties[baseUrl=" + baseUrl + ", apiVersion=" + apiVersion
                + ", messagesPerSecond=" + messagesPerSecond + ", burst=" + burst + ", maxAttempts=" + maxAttempts
                + ", retryBaseDelay=" + retryBaseDelay + ", retryMaxDelay=" + retryMaxDelay + ", secrets hidden]";
    }
}
