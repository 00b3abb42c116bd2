package com.chatnation.crm.application.conversations.ingestion;

import com.chatnation.crm.application.platform.whatsapp.WhatsAppProperties;
import com.chatnation.crm.application.platform.web.ApiErrors;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import com.chatnation.crm.domain.common.Ids;

/**
 * The WhatsApp Cloud API webhook. A delivery is verified (signature over the raw bytes, before anything else),
 * parsed, routed to its organization by phone number id, and made durable; only then is it acknowledged. The
 * conversation work happens afterwards, off the request thread, so Meta gets its 200 fast.
 *
 * <p>A signed body that is JSON is always answered 200 once stored, because Meta retries anything else for days:
 * what can never be processed in it (see {@link WebhookPayloadParser}) goes to the {@link WebhookQuarantine} and the
 * rest is processed as usual. Only a body that is not JSON (400) or a failure to store (503, transient) is not.
 */
@RestController
@RequestMapping("/webhooks/whatsapp")
@Tag(name = "WhatsApp webhook")
class WhatsAppWebhookController {

    /** Meta's own deliveries are far smaller; anything bigger is not a webhook. */
    public static final int MAX_BODY_BYTES = 1024 * 1024;
    private static final Logger log = LoggerFactory.getLogger(WhatsAppWebhookController.class);

    private final WhatsAppProperties settings;
    private final WebhookPayloadParser parser = new WebhookPayloadParser();
    private final OrganizationRouter router;
    private final InboundItemCodec codec;
    private final InboundQueue queue;
    private final WebhookQuarantine quarantine;
    private final MeterRegistry meters;
    private final Timer accepting;

    public WhatsAppWebhookController(WhatsAppProperties settings, OrganizationRouter router, InboundItemCodec codec,
                                     InboundQueue queue, WebhookQuarantine quarantine, MeterRegistry meters) {
        this.settings = settings;
        this.quarantine = quarantine;
        this.router = router;
        this.codec = codec;
        this.queue = queue;
        this.meters = meters;
        this.accepting = Timer.builder("crm.webhook.accept").description("Webhook deliveries made durable")
                .publishPercentileHistogram().register(meters);
    }

    @GetMapping(produces = MediaType.TEXT_PLAIN_VALUE)
    @Operation(summary = "Meta's verification handshake: echoes hub.challenge for the configured verify token")
    public ResponseEntity<String> verify(@RequestParam(name = "hub.mode", required = false) String mode,
                                         @RequestParam(name = "hub.verify_token", required = false) String token,
                                         @RequestParam(name = "hub.challenge", required = false) String challenge) {
        String expected = settings.verifyToken();
        boolean valid = "subscribe".equals(mode) && expected != null && !expected.isBlank() && token != null
                && MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), token.getBytes(StandardCharsets.UTF_8));
        if (!valid || challenge == null) {
            return ResponseEntity.status(HttpStatus.FORBIDDEN).contentType(MediaType.TEXT_PLAIN)
                    .body("verification failed");
        }
        return ResponseEntity.ok().contentType(MediaType.TEXT_PLAIN).body(challenge);
    }

    @PostMapping
    @Operation(summary = "Receive a WhatsApp Cloud API notification (messages, statuses, errors)")
    public ResponseEntity<?> receive(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (settings.appSecret() == null || settings.appSecret().isBlank()) {
            log.error("webhook delivery refused: crm.whatsapp.app-secret (CRM_WHATSAPP_APP_SECRET) is not configured");
            return problem(HttpStatus.SERVICE_UNAVAILABLE, "the webhook is not configured (no app secret)", "not_configured");
        }
        if (request.getContentLengthLong() > MAX_BODY_BYTES) {
            return tooLarge();
        }
        byte[] body = readAtMost(request.getInputStream(), MAX_BODY_BYTES);
        if (body == null) {
            return tooLarge();
        }
        String signature = request.getHeader(WebhookSignature.HEADER);
        if (signature == null || signature.isBlank()) {
            meters.counter("crm.webhook.rejected", "reason", "missing_signature").increment();
            return problem(HttpStatus.UNAUTHORIZED, "missing " + WebhookSignature.HEADER + " header", "unauthorized");
        }
        if (!new WebhookSignature(settings.appSecret()).isValid(body, signature)) {
            meters.counter("crm.webhook.rejected", "reason", "bad_signature").increment();
            return problem(HttpStatus.UNAUTHORIZED, WebhookSignature.HEADER + " does not match the body", "unauthorized");
        }
        Instant receivedAt = Instant.now();
        WebhookNotification notification;
        try {
            notification = parser.parse(body, receivedAt);
        } catch (MalformedWebhookException malformed) {
            meters.counter("crm.webhook.rejected", "reason", "malformed").increment();
            return problem(HttpStatus.BAD_REQUEST, malformed.getMessage(), "malformed_request");
        }
        long started = System.nanoTime();
        List<InboundEnvelope> envelopes = envelopes(notification, receivedAt);
        try {
            queue.enqueue(envelopes);
            // After the usable items: should this fail, Meta's redelivery repeats them, which changes nothing.
            quarantine.keep(quarantined(notification), receivedAt);
        } catch (RuntimeException unavailable) {
            log.error("could not make {} webhook items durable; asking Meta to retry", envelopes.size(), unavailable);
            return problem(HttpStatus.SERVICE_UNAVAILABLE, "could not accept the notification now; retry later",
                    "unavailable");
        }
        accepting.record(System.nanoTime() - started, java.util.concurrent.TimeUnit.NANOSECONDS);
        acknowledge(response, envelopes.size());
        return null; // answered already
    }

    /**
     * Writes the 200 straight to the response. Meta ignores the body; mapping it as an object, and later choosing a
     * message converter for it, took a fifth and then a tenth of the webhook's CPU time.
     */
    private static void acknowledge(HttpServletResponse response, int accepted) throws IOException {
        byte[] body = ("{\"accepted\":" + accepted + "}").getBytes(StandardCharsets.US_ASCII);
        response.setStatus(HttpServletResponse.SC_OK);
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    private List<WebhookQuarantine.Arrival> quarantined(WebhookNotification notification) {
        List<WebhookQuarantine.Arrival> arrivals = new ArrayList<>();
        for (QuarantinedItem item : notification.quarantined()) {
            String organization = router.organizationFor(item.phoneNumberId()).orElse(null);
            log.warn("webhook {} quarantined ({}): {}", item.kind(), item.reason(), item.detail());
            arrivals.add(new WebhookQuarantine.Arrival(item, organization));
        }
        return arrivals;
    }

    private List<InboundEnvelope> envelopes(WebhookNotification notification, Instant now) {
        List<InboundEnvelope> envelopes = new ArrayList<>();
        for (WebhookChange change : notification.changes()) {
            var organization = router.organizationFor(change.phoneNumberId());
            if (organization.isEmpty()) {
                // Acknowledged all the same, or Meta would keep redelivering what no organization can use.
                meters.counter("crm.webhook.unknown_phone_number").increment();
                log.warn("webhook for unknown phone_number_id {} ({} items) ignored", change.phoneNumberId(),
                        change.items().size());
                continue;
            }
            for (WebhookItem item : change.items()) {
                String kind = InboundItemCodec.kindOf(item);
                envelopes.add(new InboundEnvelope(Ids.newId(), organization.get(),
                        organization.get() + ":" + contactKey(item), kind, dedupeId(item), codec.encode(item), now));
                meters.counter("crm.webhook.items", "kind", kind).increment();
            }
        }
        for (TemplateUpdate update : notification.templateUpdates()) {
            var organization = router.organizationForAccount(update.accountId());
            if (organization.isEmpty()) {
                meters.counter("crm.webhook.unknown_account").increment();
                log.warn("template webhook for unknown WhatsApp Business Account {} ignored", update.accountId());
                continue;
            }
            // one lane per organization's templates keeps a template's changes in the order Meta sent them
            envelopes.add(new InboundEnvelope(Ids.newId(), organization.get(), organization.get() + ":templates",
                    InboundItemCodec.TEMPLATE, dedupeId(update), codec.encode(update), now));
            meters.counter("crm.webhook.items", "kind", InboundItemCodec.TEMPLATE).increment();
        }
        return envelopes;
    }

    private static String contactKey(WebhookItem item) {
        String key = WebhookPayloadParser.orderingKey(item);
        int separator = key.indexOf(':');
        return separator < 0 ? key : key.substring(separator + 1);
    }

    private static String dedupeId(WebhookItem item) {
        if (item instanceof InboundMessage message) {
            return message.messageId();
        }
        if (item instanceof StatusUpdate status) {
            return status.messageId() + ":" + status.status();
        }
        if (item instanceof PreferenceUpdate preference) {
            return "preference:" + contactKey(item) + ":" + preference.category() + ":" + preference.value() + ":"
                    + preference.at();
        }
        if (item instanceof TemplateUpdate template) {
            return "template:" + template.name() + ":" + template.language() + ":"
                    + (template.event() != null ? template.event() : template.newCategory());
        }
        return "error:" + ((WebhookError) item).code();
    }

    /** The body, or null when it is longer than {@code limit} (a chunked request has no length to check first). */
    private static byte[] readAtMost(InputStream in, int limit) throws IOException {
        byte[] bytes = in.readNBytes(limit + 1);
        return bytes.length > limit ? null : bytes;
    }

    private ResponseEntity<ProblemDetail> tooLarge() {
        meters.counter("crm.webhook.rejected", "reason", "too_large").increment();
        return problem(HttpStatus.PAYLOAD_TOO_LARGE, "body exceeds " + MAX_BODY_BYTES + " bytes", "payload_too_large");
    }

    private static ResponseEntity<ProblemDetail> problem(HttpStatus status, String detail, String code) {
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(ApiErrors.problem(status, detail, code));
    }
}
