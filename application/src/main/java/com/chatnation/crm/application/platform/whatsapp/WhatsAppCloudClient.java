package com.chatnation.crm.application.platform.whatsapp;

import com.chatnation.crm.application.platform.transactions.RetryPolicies;
import com.chatnation.crm.domain.common.PhoneNumber;
import com.chatnation.crm.domain.messaging.OutboundReply;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.retry.RetryContext;
import org.springframework.retry.backoff.BackOffInterruptedException;
import org.springframework.retry.support.RetryTemplate;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/**
 * Sends {@link OutboundReply replies} to contacts through the WhatsApp Cloud API
 * ({@code POST {baseUrl}/{apiVersion}/{phoneNumberId}/messages}).
 *
 * <p>Every request first takes a slot from the sending number's {@link SendRateLimiter rate limit}. HTTP 429,
 * 5xx, Graph API throttling errors and transport failures (refused connections, timeouts) are retried as
 * {@link RetryPolicies#CLOUD_API} says: exponential backoff with full jitter, or as long as {@code Retry-After}
 * asks when the response carries it (capped at {@link WhatsAppProperties#retryMaxDelay()}). Any other 4xx is a
 * permanent failure and is not retried. A retried 5xx or timeout may have been delivered already: the Cloud API
 * offers no idempotency key.
 *
 * <p>Access tokens are only ever placed in the {@code Authorization} header; they are scrubbed from anything copied
 * out of a response and never logged.
 */
public final class WhatsAppCloudClient {

    private static final Logger log = LoggerFactory.getLogger(WhatsAppCloudClient.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_COPIED_TEXT = 500;

    /**
     * Graph API codes that mean "too many requests" even when the HTTP status is not 429: application and account
     * rate limits, Cloud API throughput, spam rate limit and pair rate limit.
     */
    static final Set<Integer> THROTTLING_CODES = Set.of(4, 80007, 130429, 131048, 131056);

    private final WhatsAppProperties properties;
    private final HttpClient http;
    private final SendRate rateLimiter;
    private final Clock clock;
    private final RetryTemplate retry;

    public WhatsAppCloudClient(WhatsAppProperties properties) {
        this(properties, httpClient(properties));
    }

    public WhatsAppCloudClient(WhatsAppProperties properties, HttpClient http) {
        this(properties, http, new SendRateLimiter(properties.messagesPerSecond(), properties.burst()),
                Sleeper.real(), Clock.systemUTC(), () -> ThreadLocalRandom.current().nextDouble());
    }

    /** @param retry the {@link RetryPolicies#CLOUD_API} policy, with its metrics */
    public WhatsAppCloudClient(WhatsAppProperties properties, RetryTemplate retry) {
        this(properties, httpClient(properties), new SendRateLimiter(properties.messagesPerSecond(), properties.burst()),
                Clock.systemUTC(), retry);
    }

    /**
     * @param retry    the {@link RetryPolicies#CLOUD_API} policy, with its metrics
     * @param sendRate the sending numbers' cap, shared by every instance ({@link SharedSendRate})
     */
    public WhatsAppCloudClient(WhatsAppProperties properties, RetryTemplate retry, SendRate sendRate) {
        this(properties, httpClient(properties), sendRate, Clock.systemUTC(), retry);
    }

    /**
     * @param sleeper waits for the rate limit and between attempts
     * @param jitter  source of numbers in {@code [0, 1)} scaling each backoff (full jitter)
     */
    WhatsAppCloudClient(WhatsAppProperties properties, HttpClient http, SendRateLimiter rateLimiter,
                        Sleeper sleeper, Clock clock, DoubleSupplier jitter) {
        this(properties, http, rateLimiter, clock, CloudApiRetryPolicy.cloudApi(properties, sleeper, jitter));
    }

    private WhatsAppCloudClient(WhatsAppProperties properties, HttpClient http, SendRate rateLimiter,
                                Clock clock, RetryTemplate retry) {
        this.properties = Objects.requireNonNull(properties, "properties");
        this.http = Objects.requireNonNull(http, "http");
        this.rateLimiter = Objects.requireNonNull(rateLimiter, "rateLimiter");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.retry = Objects.requireNonNull(retry, "retry");
    }

    private static HttpClient httpClient(WhatsAppProperties properties) {
        return HttpClient.newBuilder().connectTimeout(properties.connectTimeout()).build();
    }

    public SendResult send(SendingNumber from, PhoneNumber to, OutboundReply reply) {
        return send(from, to, reply, null);
    }

    /**
     * Sends {@code reply} to {@code to}, quoting the inbound message {@code replyToMessageId} when it is not null.
     * Blocks through rate limiting and retries; never throws for anything the API or network does.
     *
     * @throws IllegalArgumentException when a choice id is longer than WhatsApp accepts (ids are not shortened,
     *                                  since the contact's reply is matched on them)
     */
    public SendResult send(SendingNumber from, PhoneNumber to, OutboundReply reply, String replyToMessageId) {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(reply, "reply");
        return post(from, CloudApiMessages.body(to, reply, replyToMessageId).toString());
    }

    /**
     * Sends an approved template with its parameters (the only message WhatsApp delivers outside the contact's
     * 24-hour window). Rate limited and retried like replies.
     *
     * @throws IllegalArgumentException when a parameter lacks what its type needs (a currency without code, …)
     */
    public SendResult sendTemplate(SendingNumber from, PhoneNumber to, TemplateMessage template) {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(template, "template");
        return post(from, CloudApiMessages.template(to, template).toString());
    }

    /**
     * Sends a template as part of a broadcast: like {@link #sendTemplate}, with the broadcast's
     * {@code biz_opaque_callback_data} (null: none), and on the number's spare capacity only
     * ({@link SendRate#acquireSpare}), so the bot's replies go first.
     */
    public SendResult sendBulkTemplate(SendingNumber from, PhoneNumber to, TemplateMessage template,
                                       String callbackData) {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(template, "template");
        var body = CloudApiMessages.template(to, template);
        if (callbackData != null) {
            body.put("biz_opaque_callback_data", callbackData);
        }
        return post(from, body.toString(), true);
    }

    /** Sends an image, document, audio or video by link or uploaded media id. Rate limited and retried like replies. */
    public SendResult sendMedia(SendingNumber from, PhoneNumber to, MediaMessage media) {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(media, "media");
        return post(from, CloudApiMessages.media(to, media).toString());
    }

    private SendResult post(SendingNumber from, String body) {
        return post(from, body, false);
    }

    private SendResult post(SendingNumber from, String body, boolean bulk) {
        HttpRequest request = HttpRequest.newBuilder(messagesUri(from.phoneNumberId()))
                .timeout(properties.requestTimeout())
                .header("Authorization", "Bearer " + from.accessToken())
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .build();
        try {
            return retry.execute(attempt -> attempt(request, from, bulk), exhausted -> gaveUp(from, exhausted));
        } catch (BackOffInterruptedException interrupted) {
            // interrupted while waiting to try again: the last answer stands
            return ((TransientSendFailure) interrupted.getCause()).failure();
        }
    }

    /** One request: the result, or a {@link TransientSendFailure} to be retried. */
    private SendResult attempt(HttpRequest request, SendingNumber from, boolean bulk) {
        SendResult.Failed failure;
        Duration retryAfter = null;
        try {
            if (bulk) {
                rateLimiter.acquireSpare(from.phoneNumberId());
            } else {
                rateLimiter.acquire(from.phoneNumberId());
            }
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            int status = response.statusCode();
            if (status >= 200 && status < 300) {
                return accepted(status, response.body(), from);
            }
            failure = rejected(status, response.body(), from);
            if (failure.permanent()) {
                log.warn("WhatsApp refused a message from {}: HTTP {} code {} ({})",
                        from.phoneNumberId(), status, failure.errorCode(), failure.errorTitle());
                return failure;
            }
            retryAfter = response.headers().firstValue("Retry-After").flatMap(this::parseRetryAfter).orElse(null);
        } catch (HttpTimeoutException e) {
            failure = transportFailure("Timeout", e, from);
        } catch (ConnectException e) {
            failure = transportFailure("Connection failed", e, from);
        } catch (IOException e) {
            failure = transportFailure("I/O error", e, from);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new SendResult.Failed(0, null, "Interrupted", "interrupted before WhatsApp answered", false);
        }
        throw new TransientSendFailure(from.phoneNumberId(), failure, retryAfter);
    }

    private static SendResult gaveUp(SendingNumber from, RetryContext exhausted) {
        Throwable lastThrowable = exhausted.getLastThrowable();
        if (!(lastThrowable instanceof TransientSendFailure last)) {
            // not retried, so not a failure this client expected: it is the caller's to handle
            if (lastThrowable instanceof Error error) {
                throw error;
            }
            throw lastThrowable instanceof RuntimeException unexpected ? unexpected
                    : new IllegalStateException(lastThrowable);
        }
        SendResult.Failed failure = last.failure();
        log.warn("Giving up sending from {} after {} attempts: HTTP {} code {} ({})", from.phoneNumberId(),
                exhausted.getRetryCount(), failure.httpStatus(), failure.errorCode(), failure.errorTitle());
        return failure;
    }

    private URI messagesUri(String phoneNumberId) {
        return URI.create(properties.baseUrl() + "/" + properties.apiVersion() + "/" + phoneNumberId + "/messages");
    }

    /** {@code Retry-After} as delta-seconds or an HTTP date. */
    Optional<Duration> parseRetryAfter(String value) {
        String trimmed = value.trim();
        try {
            return Optional.of(Duration.ofSeconds(Math.max(0, Long.parseLong(trimmed))));
        } catch (NumberFormatException notSeconds) {
            try {
                Duration until = Duration.between(clock.instant(),
                        ZonedDateTime.parse(trimmed, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
                return Optional.of(until.isNegative() ? Duration.ZERO : until);
            } catch (DateTimeParseException notADate) {
                return Optional.empty();
            }
        }
    }

    private SendResult accepted(int status, String body, SendingNumber from) {
        JsonNode id = parse(body).path("messages").path(0).path("id");
        if (id.isTextual() && !id.asText().isBlank()) {
            return new SendResult.Sent(id.asText());
        }
        // Accepted but unreadable: resending could deliver the message twice, so this is reported, not retried.
        return new SendResult.Failed(status, null, "Unexpected response",
                "no messages[0].id in: " + scrub(body, from), false);
    }

    private SendResult.Failed rejected(int status, String body, SendingNumber from) {
        JsonNode error = parse(body).path("error");
        Integer code = error.path("code").canConvertToInt() ? error.path("code").asInt() : null;
        String title = firstText(error, "title", "error_user_title", "type");
        String message = firstText(error, "message");
        String details = error.path("error_data").path("details").isTextual()
                ? error.path("error_data").path("details").asText() : null;
        if (error.isMissingNode() && body != null && !body.isBlank()) {
            message = body;
        }
        boolean transientFailure = status == 429 || status >= 500 || (code != null && THROTTLING_CODES.contains(code));
        return new SendResult.Failed(status, code, scrub(title, from), scrub(message, from), scrub(details, from),
                !transientFailure);
    }

    private static SendResult.Failed transportFailure(String title, IOException e, SendingNumber from) {
        String description = e.getMessage() == null ? e.getClass().getSimpleName()
                : e.getClass().getSimpleName() + ": " + e.getMessage();
        return new SendResult.Failed(0, null, title, scrub(description, from), false);
    }

    private static JsonNode parse(String body) {
        if (body == null || body.isBlank()) {
            return JSON.missingNode();
        }
        try {
            return JSON.readTree(body);
        } catch (JsonProcessingException e) {
            return JSON.missingNode();
        }
    }

    private static String firstText(JsonNode node, String... fields) {
        for (String field : fields) {
            if (node.path(field).isTextual() && !node.path(field).asText().isBlank()) {
                return node.path(field).asText();
            }
        }
        return null;
    }

    /** Text copied from a response or exception, without the sender's token and kept to a readable length. */
    private static String scrub(String text, SendingNumber from) {
        if (text == null) {
            return null;
        }
        return CloudApiMessages.truncate(text.replace(from.accessToken(), "***"), MAX_COPIED_TEXT);
    }
}
