package com.chatnation.crm.application.payments;

import com.chatnation.crm.application.platform.web.ApiErrors;
import com.chatnation.crm.domain.payment.PaymentFailure;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.web.util.matcher.IpAddressMatcher;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Daraja's answer to an STK push. Daraja signs nothing, so an answer is believed only when everything about it
 * holds: it is posted to the payment's own signed address ({@link CallbackAddresses}), from an allowed address when
 * {@code crm.payments.mpesa.callback-sources} lists them, for the request Daraja accepted for that payment, for the
 * amount asked, from the number asked; and a success is confirmed by asking Daraja itself (its status query) before
 * anything is issued. A repeated answer changes nothing; every answer the service takes is acknowledged the way
 * Daraja expects.
 */
@RestController
@Tag(name = "Payments")
class MpesaCallbackController {

    static final int MAX_BODY_BYTES = 16 * 1024;
    private static final Logger log = LoggerFactory.getLogger(MpesaCallbackController.class);
    private static final Map<String, Object> ACCEPTED = Map.of("ResultCode", 0, "ResultDesc", "Accepted");

    private final CallbackAddresses addresses;
    private final PendingPayments payments;
    private final PaymentAnswers answers;
    private final PaymentProvider provider;
    private final List<IpAddressMatcher> sources;
    private final boolean confirm;
    private final ObjectMapper json;

    MpesaCallbackController(CallbackAddresses addresses, PendingPayments payments, PaymentAnswers answers,
                            PaymentProvider provider, MpesaSettings settings, ObjectMapper json) {
        this.addresses = addresses;
        this.payments = payments;
        this.answers = answers;
        this.provider = provider;
        this.sources = settings.callbackSources().stream().filter(source -> !source.isBlank())
                .map(source -> new IpAddressMatcher(source.strip())).toList();
        this.confirm = settings.confirmCallbacks();
        this.json = json;
    }

    @PostMapping(CallbackAddresses.PATH + "{paymentId}/{signature}")
    @Operation(summary = "M-Pesa (Daraja) STK push callback; the address is the one the service gave the payment")
    public ResponseEntity<?> callback(@PathVariable String paymentId, @PathVariable String signature,
                                      HttpServletRequest request) throws IOException {
        if (!addresses.isGenuine(paymentId, signature)) {
            return problem(HttpStatus.NOT_FOUND, "no such payment callback", "not_found");
        }
        if (!sources.isEmpty() && sources.stream().noneMatch(source -> source.matches(request.getRemoteAddr()))) {
            log.warn("payment {}: callback from {} refused, not a listed source", paymentId, request.getRemoteAddr());
            return problem(HttpStatus.FORBIDDEN, "callbacks are taken from the provider's addresses only", "forbidden");
        }
        if (request.getContentLengthLong() > MAX_BODY_BYTES) {
            return tooLarge();
        }
        byte[] body = request.getInputStream().readNBytes(MAX_BODY_BYTES + 1);
        if (body.length > MAX_BODY_BYTES) {
            return tooLarge();
        }
        StkCallback callback;
        try {
            callback = StkCallback.read(json.readTree(body));
        } catch (IOException | IllegalArgumentException malformed) {
            return problem(HttpStatus.BAD_REQUEST, "not an STK callback: " + malformed.getMessage(), "malformed_request");
        }
        PendingPayments.Pending payment = payments.find(paymentId).orElse(null);
        if (payment == null) {
            return problem(HttpStatus.NOT_FOUND, "no such payment callback", "not_found");
        }
        if (payment.providerReference() != null && !payment.providerReference().equals(callback.checkoutRequestId())) {
            return problem(HttpStatus.CONFLICT, "the callback is for another request than the payment's", "wrong_request");
        }
        Instant now = Instant.now();
        PaymentProvider.StatusAnswer said = DarajaProvider.fromResult(callback.resultCode(), callback.resultDesc());
        if (said instanceof PaymentProvider.StatusAnswer.Failed failed) {
            answers.failed(paymentId, failed.failure(), failed.code(), failed.description(), "callback", now);
            return ResponseEntity.ok(ACCEPTED);
        }
        if (!"settled".equals(payment.state())) {
            if (callback.amount() == null || callback.amount().compareTo(payment.amount()) != 0) {
                log.warn("payment {}: callback reports {} where {} was asked; not taken", paymentId, callback.amount(),
                        payment.amount());
                return problem(HttpStatus.UNPROCESSABLE_ENTITY, "the amount is not the amount asked", "amount_mismatch");
            }
            if (callback.phone() != null && payment.payerPhone() != null
                    && !payment.payerPhone().equals("+" + callback.phone())) {
                return problem(HttpStatus.UNPROCESSABLE_ENTITY, "paid from another number than asked", "wrong_payer");
            }
            if (confirm && !(provider.status(callback.checkoutRequestId()) instanceof PaymentProvider.StatusAnswer.Paid)) {
                // Not confirmed (yet): the reconciler keeps asking Daraja until it has a final answer.
                log.warn("payment {}: success callback not confirmed by Daraja's status query", paymentId);
                return problem(HttpStatus.CONFLICT, "the provider does not confirm this payment", "not_confirmed");
            }
        }
        answers.paid(paymentId, callback.checkoutRequestId(), callback.receipt(), "callback", now);
        return ResponseEntity.ok(ACCEPTED);
    }

    private static ResponseEntity<?> tooLarge() {
        return problem(HttpStatus.PAYLOAD_TOO_LARGE, "body exceeds " + MAX_BODY_BYTES + " bytes", "payload_too_large");
    }

    private static ResponseEntity<?> problem(HttpStatus status, String detail, String code) {
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(ApiErrors.problem(status, detail, code));
    }

    /** The fields of Daraja's {@code Body.stkCallback} the service reads. */
    record StkCallback(String checkoutRequestId, String resultCode, String resultDesc, BigDecimal amount,
                       String receipt, String phone) {

        static StkCallback read(JsonNode root) {
            JsonNode callback = root.path("Body").path("stkCallback");
            String checkout = callback.path("CheckoutRequestID").asText("");
            if (checkout.isBlank() || !callback.hasNonNull("ResultCode")) {
                throw new IllegalArgumentException("Body.stkCallback needs CheckoutRequestID and ResultCode");
            }
            BigDecimal amount = null;
            String receipt = null;
            String phone = null;
            for (JsonNode item : callback.path("CallbackMetadata").path("Item")) {
                JsonNode value = item.get("Value");
                if (value == null || value.isNull()) {
                    continue;
                }
                switch (item.path("Name").asText()) {
                    case "Amount" -> amount = value.decimalValue();
                    case "MpesaReceiptNumber" -> receipt = value.asText();
                    case "PhoneNumber" -> phone = value.asText();
                    default -> {
                        // TransactionDate, Balance: not needed
                    }
                }
            }
            return new StkCallback(checkout, callback.path("ResultCode").asText(), callback.path("ResultDesc").asText(""),
                    amount, receipt, phone);
        }
    }
}
