package com.chatnation.crm.application.outbound;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;
import java.util.Map;

/**
 * WhatsApp Cloud API settings. Secrets (app secret, access tokens, verify token) come from the environment or
 * an external config file, never from the repository: {@code CRM_WHATSAPP_APP_SECRET},
 * {@code CRM_WHATSAPP_ACCESS_TOKEN} (a system-user token for every number) and
 * {@code CRM_WHATSAPP_ACCESS_TOKENS_<phoneNumberId>} for numbers with their own token.
 */
@ConfigurationProperties("crm.whatsapp")
public record WhatsAppSettings(@DefaultValue(WhatsAppProperties.DEFAULT_BASE_URL) String baseUrl,
                               @DefaultValue(WhatsAppProperties.DEFAULT_API_VERSION) String apiVersion,
                               String appSecret,
                               String verifyToken,
                               String accessToken,
                               Map<String, String> accessTokens,
                               @DefaultValue("80") double messagesPerSecond,
                               @DefaultValue("4") int maxAttempts,
                               @DefaultValue("500ms") Duration retryBaseDelay,
                               @DefaultValue("20s") Duration retryMaxDelay,
                               @DefaultValue("15s") Duration requestTimeout) {

    public WhatsAppProperties clientProperties() {
        return WhatsAppProperties.builder()
                .baseUrl(baseUrl)
                .apiVersion(apiVersion)
                .messagesPerSecond(messagesPerSecond)
                .burst((int) Math.max(1, Math.ceil(messagesPerSecond)))
                .maxAttempts(maxAttempts)
                .retryBaseDelay(retryBaseDelay)
                .retryMaxDelay(retryMaxDelay)
                .requestTimeout(requestTimeout)
                .build();
    }

    /** The token to send from this number: its own, else the shared one, else none. */
    public String accessTokenFor(String phoneNumberId) {
        if (accessTokens != null && accessTokens.get(phoneNumberId) != null) {
            return accessTokens.get(phoneNumberId);
        }
        return accessToken == null || accessToken.isBlank() ? null : accessToken;
    }

    @Override
    public String toString() {
        return "WhatsAppSettings[baseUrl=" + baseUrl + ", apiVersion=" + apiVersion + ", secrets hidden]";
    }
}
