package com.chatnation.crm.application.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A local HTTP server standing in for Safaricom's Daraja sandbox: the OAuth token, Lipa na M-Pesa Online's STK push
 * and its status query, checked the way Daraja checks them (Basic credentials, bearer token, the password derived
 * from short code, passkey and timestamp). What each payer does with the prompt is scripted per phone number; by
 * default they never answer, and a status query says the transaction is being processed. The stand-in posts no
 * callbacks itself: tests post them ({@link #callback}) where and when the scenario needs.
 */
public final class DarajaStandIn {

    public static final String CONSUMER_KEY = "test-consumer-key";
    public static final String CONSUMER_SECRET = "test-consumer-secret";
    public static final String SHORT_CODE = "174379";
    public static final String PASSKEY = "test-passkey";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static DarajaStandIn shared;

    /** What the payer with a given number does with the prompt: the result code Daraja ends with, or none yet. */
    public enum Payer {
        /** Never answers: status queries say "being processed". */
        SILENT(null, null),
        PAYS("0", "The service request is processed successfully."),
        INSUFFICIENT_FUNDS("1", "The balance is insufficient for the transaction."),
        CANCELS("1032", "Request cancelled by user"),
        UNREACHABLE("1037", "DS timeout user cannot be reached"),
        /** The push itself is refused, as for a number not registered on M-Pesa. */
        NOT_ON_MPESA(null, null);

        private final String resultCode;
        private final String resultDesc;

        Payer(String resultCode, String resultDesc) {
            this.resultCode = resultCode;
            this.resultDesc = resultDesc;
        }
    }

    /** One accepted STK push. */
    public record Push(String checkoutRequestId, String phone, BigDecimal amount, String accountReference,
                       URI callback, JsonNode body) {
    }

    private final HttpServer server;
    private final Map<String, Payer> payers = new ConcurrentHashMap<>();
    private final List<Push> pushes = new CopyOnWriteArrayList<>();
    private final Map<String, Push> byCheckout = new ConcurrentHashMap<>();
    private final AtomicLong queries = new AtomicLong();
    private final AtomicLong ids = new AtomicLong(1_000_000);
    private final String token = "token-" + UUID.randomUUID();

    private DarajaStandIn() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(4, runnable -> {
            Thread thread = new Thread(runnable, "daraja-stand-in");
            thread.setDaemon(true);
            return thread;
        }));
        server.createContext("/", this::handle);
        server.start();
    }

    public static synchronized DarajaStandIn shared() {
        if (shared == null) {
            shared = new DarajaStandIn();
        }
        return shared;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Scripts what the payer with this number (E.164) does with their prompts. */
    public void payer(String e164, Payer payer) {
        payers.put(digits(e164), payer);
    }

    public List<Push> pushesTo(String e164) {
        return pushes.stream().filter(push -> push.phone().equals(digits(e164))).toList();
    }

    /** Waits up to 20 seconds for the {@code n}th push to this number. */
    public Push awaitPush(String e164, int n) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        while (Instant.now().isBefore(deadline)) {
            List<Push> to = pushesTo(e164);
            if (to.size() >= n) {
                return to.get(n - 1);
            }
            sleep();
        }
        throw new AssertionError("no push number " + n + " to " + e164 + " within 20 s; pushes: " + pushes);
    }

    public long queries() {
        return queries.get();
    }

    /** The callback Daraja would post for the push with this result code (0: paid, with a receipt). */
    public String callback(Push push, String resultCode, String receipt, BigDecimal amount) {
        ObjectNode stk = JSON.createObjectNode();
        stk.put("MerchantRequestID", "29115-34620561-1");
        stk.put("CheckoutRequestID", push.checkoutRequestId());
        stk.put("ResultCode", Integer.parseInt(resultCode));
        stk.put("ResultDesc", "0".equals(resultCode) ? "The service request is processed successfully."
                : "Request cancelled by user");
        if ("0".equals(resultCode)) {
            ArrayNode items = stk.putObject("CallbackMetadata").putArray("Item");
            items.addObject().put("Name", "Amount").put("Value", amount);
            items.addObject().put("Name", "MpesaReceiptNumber").put("Value", receipt);
            items.addObject().put("Name", "Balance");
            items.addObject().put("Name", "TransactionDate").put("Value", 20261202101500L);
            items.addObject().put("Name", "PhoneNumber").put("Value", Long.parseLong(push.phone()));
        }
        ObjectNode root = JSON.createObjectNode();
        root.putObject("Body").set("stkCallback", stk);
        return root.toString();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            if (path.equals("/oauth/v1/generate")) {
                String expected = "Basic " + Base64.getEncoder().encodeToString((CONSUMER_KEY + ":" + CONSUMER_SECRET)
                        .getBytes(StandardCharsets.UTF_8));
                if (!expected.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                    respond(exchange, 400, "{\"errorCode\":\"400.008.01\",\"errorMessage\":\"Invalid Authentication passed\"}");
                    return;
                }
                respond(exchange, 200, "{\"access_token\":\"" + token + "\",\"expires_in\":\"3599\"}");
                return;
            }
            if (!("Bearer " + token).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                respond(exchange, 401, "{\"errorCode\":\"404.001.03\",\"errorMessage\":\"Invalid Access Token\"}");
                return;
            }
            JsonNode body = JSON.readTree(exchange.getRequestBody());
            if (!validPassword(body)) {
                respond(exchange, 400, "{\"errorCode\":\"400.002.05\",\"errorMessage\":\"Invalid Request Payload\"}");
                return;
            }
            if (path.equals("/mpesa/stkpush/v1/processrequest")) {
                push(exchange, body);
            } else if (path.equals("/mpesa/stkpushquery/v1/query")) {
                query(exchange, body);
            } else {
                respond(exchange, 404, "{\"errorCode\":\"404.001.01\",\"errorMessage\":\"Resource not found\"}");
            }
        }
    }

    private void push(HttpExchange exchange, JsonNode body) throws IOException {
        String phone = body.path("PhoneNumber").asText();
        if (payers.getOrDefault(phone, Payer.SILENT) == Payer.NOT_ON_MPESA) {
            respond(exchange, 400, "{\"requestId\":\"1\",\"errorCode\":\"400.002.02\","
                    + "\"errorMessage\":\"Bad Request - Invalid PhoneNumber\"}");
            return;
        }
        String checkout = "ws_CO_" + ids.incrementAndGet();
        Push push = new Push(checkout, phone, body.path("Amount").decimalValue(), body.path("AccountReference").asText(),
                URI.create(body.path("CallBackURL").asText()), body);
        byCheckout.put(checkout, push);
        pushes.add(push);
        respond(exchange, 200, "{\"MerchantRequestID\":\"29115-34620561-1\",\"CheckoutRequestID\":\"" + checkout
                + "\",\"ResponseCode\":\"0\",\"ResponseDescription\":\"Success. Request accepted for processing\","
                + "\"CustomerMessage\":\"Success. Request accepted for processing\"}");
    }

    private void query(HttpExchange exchange, JsonNode body) throws IOException {
        queries.incrementAndGet();
        Push push = byCheckout.get(body.path("CheckoutRequestID").asText());
        if (push == null) {
            respond(exchange, 500, "{\"requestId\":\"1\",\"errorCode\":\"500.001.1001\","
                    + "\"errorMessage\":\"Unable to find the transaction\"}");
            return;
        }
        Payer payer = payers.getOrDefault(push.phone(), Payer.SILENT);
        if (payer.resultCode == null) {
            respond(exchange, 500, "{\"requestId\":\"1\",\"errorCode\":\"500.001.1001\","
                    + "\"errorMessage\":\"The transaction is being processed\"}");
            return;
        }
        respond(exchange, 200, "{\"ResponseCode\":\"0\",\"ResponseDescription\":\"The service request has been "
                + "accepted successsfully\",\"MerchantRequestID\":\"29115-34620561-1\",\"CheckoutRequestID\":\""
                + push.checkoutRequestId() + "\",\"ResultCode\":\"" + payer.resultCode + "\",\"ResultDesc\":\""
                + payer.resultDesc + "\"}");
    }

    private static boolean validPassword(JsonNode body) {
        String timestamp = body.path("Timestamp").asText();
        String expected = Base64.getEncoder().encodeToString((SHORT_CODE + PASSKEY + timestamp)
                .getBytes(StandardCharsets.UTF_8));
        return SHORT_CODE.equals(body.path("BusinessShortCode").asText()) && timestamp.matches("\\d{14}")
                && expected.equals(body.path("Password").asText());
    }

    private static String digits(String e164) {
        return e164.startsWith("+") ? e164.substring(1) : e164;
    }

    private static void sleep() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }
}
