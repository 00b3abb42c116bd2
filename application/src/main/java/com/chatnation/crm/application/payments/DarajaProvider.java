package com.chatnation.crm.application.payments;

import com.chatnation.crm.domain.payment.PaymentFailure;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import org.springframework.web.client.RestClientResponseException;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * M-Pesa through Safaricom's Daraja API: Lipa na M-Pesa Online (the "STK push" prompt on the payer's phone) and its
 * status query. An OAuth token (client credentials) is fetched when needed and kept until shortly before it expires.
 */
@Component
class DarajaProvider implements PaymentProvider {

    static final String NAME = "mpesa";
    /** Daraja's answer to a status query while the payer has not yet answered the prompt. */
    static final String STILL_PROCESSING = "500.001.1001";

    private static final Logger log = LoggerFactory.getLogger(DarajaProvider.class);
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyyMMddHHmmss")
            .withZone(ZoneId.of("Africa/Nairobi"));
    private static final Duration TOKEN_MARGIN = Duration.ofMinutes(1);

    private final MpesaSettings settings;
    private final ObjectMapper json;
    private final Clock clock = Clock.systemUTC();
    private final RestClient http;
    private String token;
    private Instant tokenExpires = Instant.EPOCH;

    DarajaProvider(MpesaSettings settings, ObjectMapper json) {
        this.settings = settings;
        this.json = json;
        SimpleClientHttpRequestFactory requests = new SimpleClientHttpRequestFactory();
        requests.setConnectTimeout(Duration.ofSeconds(5));
        requests.setReadTimeout(Duration.ofSeconds(20));
        this.http = RestClient.builder().baseUrl(settings.baseUrl()).requestFactory(requests).build();
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean enabled() {
        return settings.enabled();
    }

    @Override
    public PushAnswer push(PushRequest request) {
        Map<String, Object> body = signed();
        body.put("TransactionType", settings.transactionType());
        body.put("Amount", request.amount().toBigIntegerExact());
        String msisdn = request.phone().startsWith("+") ? request.phone().substring(1) : request.phone();
        body.put("PartyA", msisdn);
        body.put("PartyB", settings.creditedParty());
        body.put("PhoneNumber", msisdn);
        body.put("CallBackURL", request.callback().toString());
        body.put("AccountReference", fit(request.accountReference(), 12));
        body.put("TransactionDesc", fit(request.description(), 13));
        try {
            JsonNode answer = post("/mpesa/stkpush/v1/processrequest", body);
            String reference = answer.path("CheckoutRequestID").asText("");
            if (!"0".equals(answer.path("ResponseCode").asText()) || reference.isBlank()) {
                return new PushAnswer.Refused(answer.path("ResponseCode").asText("unknown"),
                        answer.path("ResponseDescription").asText("refused"));
            }
            return new PushAnswer.Accepted(reference);
        } catch (RestClientResponseException refused) {
            JsonNode error = errorBody(refused);
            if (refused.getStatusCode().value() == 401) {
                forgetToken();
            }
            if (refused.getStatusCode().is4xxClientError() && refused.getStatusCode().value() != 401
                    && refused.getStatusCode().value() != 429) {
                return new PushAnswer.Refused(error.path("errorCode").asText(String.valueOf(refused.getStatusCode().value())),
                        error.path("errorMessage").asText("refused"));
            }
            return new PushAnswer.Unavailable("Daraja answered " + refused.getStatusCode().value() + " "
                    + error.path("errorMessage").asText(""));
        } catch (RestClientException | IllegalStateException unreachable) {
            return new PushAnswer.Unavailable(unreachable.getMessage());
        }
    }

    @Override
    public StatusAnswer status(String providerReference) {
        Map<String, Object> body = signed();
        body.put("CheckoutRequestID", providerReference);
        try {
            JsonNode answer = post("/mpesa/stkpushquery/v1/query", body);
            if (!answer.hasNonNull("ResultCode")) {
                return new StatusAnswer.Pending(answer.path("ResponseDescription").asText("no result yet"));
            }
            return fromResult(answer.path("ResultCode").asText(), answer.path("ResultDesc").asText(""));
        } catch (RestClientResponseException refused) {
            JsonNode error = errorBody(refused);
            if (refused.getStatusCode().value() == 401) {
                forgetToken();
            }
            // "The transaction is being processed" (still with the payer) and every other error alike: ask again
            return new StatusAnswer.Pending(error.path("errorCode").asText("") + " "
                    + error.path("errorMessage").asText(String.valueOf(refused.getStatusCode().value())));
        } catch (RestClientException | IllegalStateException unreachable) {
            return new StatusAnswer.Pending(unreachable.getMessage());
        }
    }

    /**
     * A Daraja result code (a callback's or a status query's) as an answer. 0 is paid; the failures are the ones
     * Safaricom documents for Lipa na M-Pesa Online.
     */
    static StatusAnswer fromResult(String resultCode, String description) {
        String code = resultCode == null ? "" : resultCode.strip();
        PaymentFailure failure = switch (code) {
            case "0" -> null;
            case "1" -> PaymentFailure.INSUFFICIENT_FUNDS;
            case "1032" -> PaymentFailure.CANCELLED_BY_PAYER;
            case "2001" -> PaymentFailure.WRONG_PIN;
            case "1037", "1019" -> PaymentFailure.PAYER_UNREACHABLE;
            default -> PaymentFailure.OTHER;
        };
        return failure == null ? new StatusAnswer.Paid() : new StatusAnswer.Failed(failure, code, description);
    }

    private Map<String, Object> signed() {
        String timestamp = TIMESTAMP.format(clock.instant());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("BusinessShortCode", settings.shortCode());
        body.put("Password", Base64.getEncoder().encodeToString(
                (settings.shortCode() + settings.passkey() + timestamp).getBytes(StandardCharsets.UTF_8)));
        body.put("Timestamp", timestamp);
        return body;
    }

    private JsonNode post(String path, Map<String, Object> body) {
        String answer = http.post().uri(path)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + token())
                .contentType(MediaType.APPLICATION_JSON)
                .body(body)
                .retrieve()
                .body(String.class);
        return read(answer);
    }

    private synchronized String token() {
        Instant now = clock.instant();
        if (token == null || !now.isBefore(tokenExpires.minus(TOKEN_MARGIN))) {
            String credentials = Base64.getEncoder().encodeToString((settings.consumerKey() + ":"
                    + settings.consumerSecret()).getBytes(StandardCharsets.UTF_8));
            JsonNode answer = read(http.get().uri("/oauth/v1/generate?grant_type=client_credentials")
                    .header(HttpHeaders.AUTHORIZATION, "Basic " + credentials)
                    .retrieve()
                    .body(String.class));
            String fresh = answer.path("access_token").asText("");
            if (fresh.isBlank()) {
                throw new IllegalStateException("Daraja gave no access token");
            }
            token = fresh;
            tokenExpires = now.plusSeconds(answer.path("expires_in").asLong(3599));
        }
        return token;
    }

    private synchronized void forgetToken() {
        token = null;
    }

    private JsonNode read(String body) {
        try {
            return json.readTree(body == null ? "{}" : body);
        } catch (java.io.IOException unreadable) {
            throw new IllegalStateException("Daraja answered with something other than JSON");
        }
    }

    private JsonNode errorBody(RestClientResponseException refused) {
        try {
            return json.readTree(refused.getResponseBodyAsString());
        } catch (java.io.IOException | RuntimeException unreadable) {
            log.debug("Daraja error without a JSON body: {}", refused.getStatusCode());
            return json.createObjectNode();
        }
    }

    private static String fit(String text, int most) {
        String value = text == null ? "" : text.replaceAll("[^A-Za-z0-9 -]", "").strip();
        return value.length() <= most ? value : value.substring(0, most);
    }
}
