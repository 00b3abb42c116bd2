package com.chatnation.crm.application.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A local HTTP server standing in for the WhatsApp Graph API during tests: it accepts
 * {@code POST /{version}/{phoneNumberId}/messages}, records each request and answers with a new wamid, or with
 * the failure a test scripted for a recipient. It also keeps each WhatsApp Business Account's message templates
 * ({@code POST}, paged {@code GET} and {@code DELETE /{version}/{waba-id}/message_templates}), recording every call.
 */
public final class GraphApiStandIn {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static GraphApiStandIn shared;

    private final HttpServer server;
    private final List<Sent> sent = new CopyOnWriteArrayList<>();
    private final Map<String, Integer> failuresByRecipient = new ConcurrentHashMap<>();
    private final Map<String, int[]> errorsByRecipient = new ConcurrentHashMap<>();
    private final Map<String, String> errorTitlesByRecipient = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();
    private final Map<String, Integer> throttleEvery = new ConcurrentHashMap<>();
    private final AtomicLong throttleCounter = new AtomicLong();
    private final List<TemplateCall> templateCalls = new CopyOnWriteArrayList<>();
    private final Map<String, List<ObjectNode>> templatesByAccount = new ConcurrentHashMap<>();
    private final AtomicLong templateIds = new AtomicLong(594_425_479_261_000L);
    private final Map<String, MediaFile> media = new ConcurrentHashMap<>();
    private final Map<String, MediaFile> uploads = new ConcurrentHashMap<>();
    private final Map<String, java.util.concurrent.atomic.AtomicInteger> mediaFailures = new ConcurrentHashMap<>();

    /** A file WhatsApp keeps for a media id: {@code GET /{version}/{media-id}} names it, its address answers it. */
    private record MediaFile(String mimeType, byte[] bytes) {
    }

    /** One call to an account's {@code message_templates}: method, account, query string and body (null for none). */
    public record TemplateCall(String method, String accountId, String query, JsonNode body) {
    }

    /** {@code receivedNanos}: {@link System#nanoTime()} when the request arrived, to measure send rates. */
    public record Sent(String phoneNumberId, String to, String authorization, JsonNode body, long receivedNanos) {
        public String text() {
            JsonNode interactive = body.path("interactive");
            return body.has("text") ? body.path("text").path("body").asText() : interactive.path("body").path("text").asText();
        }
    }

    private GraphApiStandIn() {
        // Without TCP_NODELAY each small answer waits ~40 ms for the client's delayed ACK (Nagle), which made the
        // stand-in, not the service, the limit on how fast messages go out.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 256);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(16, runnable -> {
            Thread thread = new Thread(runnable, "graph-api-stand-in");
            thread.setDaemon(true);
            return thread;
        }));
        server.createContext("/", this::handle);
        server.start();
    }

    public static synchronized GraphApiStandIn shared() {
        if (shared == null) {
            shared = new GraphApiStandIn();
        }
        return shared;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Answers every message to this recipient with the given HTTP status and a Graph API error body. */
    public void failFor(String recipientDigits, int httpStatus) {
        failuresByRecipient.put(recipientDigits, httpStatus);
    }

    /** Takes messages to this recipient again, after {@link #failFor}. */
    public void recover(String recipientDigits) {
        failuresByRecipient.remove(recipientDigits);
        errorsByRecipient.remove(recipientDigits);
        errorTitlesByRecipient.remove(recipientDigits);
    }

    /** Answers every message to this recipient with the given HTTP status and Graph API error code and title. */
    public void failFor(String recipientDigits, int httpStatus, int errorCode, String errorTitle) {
        failuresByRecipient.put(recipientDigits, httpStatus);
        errorsByRecipient.put(recipientDigits, new int[] {errorCode});
        errorTitlesByRecipient.put(recipientDigits, errorTitle);
    }

    /** Answers every {@code n}th message from this business number with 429 and code 130429 (throughput reached). */
    public void throttleEvery(String phoneNumberId, int n) {
        throttleEvery.put(phoneNumberId, n);
    }

    public List<Sent> sentTo(String e164) {
        String digits = e164.startsWith("+") ? e164.substring(1) : e164;
        return sent.stream().filter(s -> digits.equals(s.to())).toList();
    }

    /** Everything sent from this business number. */
    public List<Sent> sentFrom(String phoneNumberId) {
        return sent.stream().filter(s -> phoneNumberId.equals(s.phoneNumberId())).toList();
    }

    /** Waits until at least {@code count} messages went to the recipient, and returns them. */
    public List<Sent> awaitSentTo(String e164, int count) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        while (Instant.now().isBefore(deadline)) {
            List<Sent> messages = sentTo(e164);
            if (messages.size() >= count) {
                return messages;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        throw new AssertionError("expected " + count + " messages to " + e164 + " but got " + sentTo(e164).size()
                + ": " + sentTo(e164).stream().map(Sent::text).toList());
    }

    /** WhatsApp's media store answers the next {@code times} requests about this file with a server error. */
    public void failMedia(String mediaId, int times) {
        mediaFailures.put(mediaId, new java.util.concurrent.atomic.AtomicInteger(times));
    }

    /** Keeps a file as WhatsApp's media store would after a contact sent it. */
    public void putMedia(String mediaId, String mimeType, byte[] bytes) {
        media.put(mediaId, new MediaFile(mimeType, bytes.clone()));
    }

    /** Every template management call made for this account, in order. */
    public List<TemplateCall> templateCalls(String accountId) {
        return templateCalls.stream().filter(c -> accountId.equals(c.accountId())).toList();
    }

    /** The account's templates as the stand-in holds them (Meta's shape: id, name, language, status, category, …). */
    public List<ObjectNode> templates(String accountId) {
        return List.copyOf(templatesByAccount.computeIfAbsent(accountId, a -> new CopyOnWriteArrayList<>()));
    }

    /** Adds a template as if made in WhatsApp Manager; answers its Meta id. */
    public String addTemplate(String accountId, String name, String language, String category, String status,
                              String bodyText) {
        ObjectNode template = JSON.createObjectNode();
        String id = String.valueOf(templateIds.incrementAndGet());
        template.put("id", id).put("name", name).put("language", language).put("status", status)
                .put("category", category);
        template.putArray("components").addObject().put("type", "BODY").put("text", bodyText);
        templatesByAccount.computeIfAbsent(accountId, a -> new CopyOnWriteArrayList<>()).add(template);
        return id;
    }

    private void handleTemplates(HttpExchange exchange, String accountId) throws IOException {
        String method = exchange.getRequestMethod();
        String query = exchange.getRequestURI().getRawQuery();
        byte[] raw = exchange.getRequestBody().readAllBytes();
        JsonNode body = raw.length == 0 ? null : JSON.readTree(raw);
        templateCalls.add(new TemplateCall(method, accountId, query, body));
        List<ObjectNode> templates = templatesByAccount.computeIfAbsent(accountId, a -> new CopyOnWriteArrayList<>());
        Map<String, String> params = new java.util.HashMap<>();
        if (query != null) {
            for (String pair : query.split("&")) {
                String[] kv = pair.split("=", 2);
                params.put(kv[0], kv.length > 1 ? java.net.URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
            }
        }
        switch (method) {
            case "POST" -> {
                String name = body.path("name").asText();
                String language = body.path("language").asText();
                if (templates.stream().anyMatch(t -> name.equals(t.path("name").asText())
                        && language.equals(t.path("language").asText()))) {
                    respond(exchange, 400, "{\"error\":{\"message\":\"Content in this language already exists\","
                            + "\"code\":100,\"error_subcode\":2388024}}");
                    return;
                }
                ObjectNode template = ((ObjectNode) body).deepCopy();
                String id = String.valueOf(templateIds.incrementAndGet());
                template.put("id", id).put("status", "PENDING");
                templates.add(template);
                respond(exchange, 200, "{\"id\":\"" + id + "\",\"status\":\"PENDING\",\"category\":\""
                        + body.path("category").asText() + "\"}");
            }
            case "GET" -> {
                int limit = Integer.parseInt(params.getOrDefault("limit", "25"));
                int from = params.containsKey("after") ? Integer.parseInt(params.get("after")) : 0;
                List<ObjectNode> page = templates.subList(Math.min(from, templates.size()),
                        Math.min(from + limit, templates.size()));
                ObjectNode answer = JSON.createObjectNode();
                answer.putArray("data").addAll(page);
                ObjectNode paging = answer.putObject("paging");
                paging.putObject("cursors").put("before", String.valueOf(from)).put("after", String.valueOf(from + page.size()));
                if (from + page.size() < templates.size()) {
                    paging.put("next", baseUrl() + exchange.getRequestURI().getPath() + "?after=" + (from + page.size()));
                }
                respond(exchange, 200, answer.toString());
            }
            case "DELETE" -> {
                String name = params.get("name");
                String hsmId = params.get("hsm_id");
                boolean removed = templates.removeIf(t -> t.path("name").asText().equals(name)
                        && (hsmId == null || hsmId.equals(t.path("id").asText())));
                respond(exchange, removed ? 200 : 400, removed ? "{\"success\":true}"
                        : "{\"error\":{\"message\":\"Message template not found\",\"code\":100}}");
            }
            default -> respond(exchange, 405, "{}");
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String[] path = exchange.getRequestURI().getPath().split("/");
            if (path.length == 4 && "message_templates".equals(path[3])) {
                handleTemplates(exchange, path[2]);
                return;
            }
            if ("POST".equals(exchange.getRequestMethod()) && path.length == 4 && "media".equals(path[3])) {
                handleUpload(exchange);
                return;
            }
            if ("GET".equals(exchange.getRequestMethod()) && path.length == 3) {
                handleMedia(exchange, path[1], path[2]);
                return;
            }
            JsonNode body = JSON.readTree(exchange.getRequestBody().readAllBytes());
            String to = body.path("to").asText();
            Integer failure = failuresByRecipient.get(to);
            if (failure != null && errorsByRecipient.containsKey(to)) {
                int code = errorsByRecipient.get(to)[0];
                respond(exchange, failure, ("{\"error\":{\"message\":\"(#%d) %s\",\"type\":\"OAuthException\","
                        + "\"code\":%d,\"error_data\":{\"details\":\"%s\"}}}").formatted(code,
                        errorTitlesByRecipient.get(to), code, errorTitlesByRecipient.get(to)));
                return;
            }
            if (failure != null) {
                respond(exchange, failure, "{\"error\":{\"message\":\"(#131026) Message undeliverable\",\"type\":"
                        + "\"OAuthException\",\"code\":131026,\"error_data\":{\"details\":\"Message undeliverable\"}}}");
                return;
            }
            Integer every = throttleEvery.get(path.length > 2 ? path[2] : "");
            if (every != null && throttleCounter.incrementAndGet() % every == 0) {
                respond(exchange, 429, "{\"error\":{\"message\":\"(#130429) Rate limit hit\",\"type\":"
                        + "\"OAuthException\",\"code\":130429,\"error_data\":{\"details\":\"Cloud API message "
                        + "throughput has been reached.\"}}}");
                return;
            }
            sent.add(new Sent(path.length > 2 ? path[2] : null, to,
                    exchange.getRequestHeaders().getFirst("Authorization"), body, System.nanoTime()));
            respond(exchange, 200, "{\"messaging_product\":\"whatsapp\",\"contacts\":[{\"input\":\"" + to
                    + "\",\"wa_id\":\"" + to + "\"}],\"messages\":[{\"id\":\"wamid.standin." + ids.incrementAndGet() + "\"}]}");
        }
    }

    /**
     * {@code POST /{version}/{phone-number-id}/media}: a multipart upload with {@code messaging_product},
     * {@code type} and {@code file}; the file is kept under a new media id, which is answered.
     */
    private void handleUpload(HttpExchange exchange) throws IOException {
        String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
        byte[] raw = exchange.getRequestBody().readAllBytes();
        int at = contentType == null ? -1 : contentType.indexOf("boundary=");
        if (at < 0 || !new String(raw, StandardCharsets.ISO_8859_1).contains("name=\"messaging_product\"")) {
            respond(exchange, 400, "{\"error\":{\"message\":\"(#100) The parameter messaging_product is required.\","
                    + "\"code\":100}}");
            return;
        }
        String boundary = "--" + contentType.substring(at + "boundary=".length());
        String text = new String(raw, StandardCharsets.ISO_8859_1); // byte for byte, so indexes match
        int part = text.indexOf("name=\"file\"");
        int start = text.indexOf("\r\n\r\n", part) + 4;
        int end = text.indexOf("\r\n" + boundary, start);
        int typeAt = text.indexOf("name=\"type\"");
        String type = text.substring(text.indexOf("\r\n\r\n", typeAt) + 4, text.indexOf("\r\n", text.indexOf("\r\n\r\n", typeAt) + 4));
        String id = "upload." + ids.incrementAndGet();
        uploads.put(id, new MediaFile(type, java.util.Arrays.copyOfRange(raw, start, end)));
        respond(exchange, 200, "{\"id\":\"" + id + "\"}");
    }

    /** The bytes uploaded under a media id ({@code POST /{phone-number-id}/media}), or null. */
    public byte[] uploaded(String mediaId) {
        MediaFile file = uploads.get(mediaId);
        return file == null ? null : file.bytes();
    }

    /** The type an upload declared ({@code type} field), or null. */
    public String uploadedType(String mediaId) {
        MediaFile file = uploads.get(mediaId);
        return file == null ? null : file.mimeType();
    }

    /** {@code GET /{version}/{media-id}} describes a file; {@code GET /media-files/{media-id}} answers it. */
    private void handleMedia(HttpExchange exchange, String first, String mediaId) throws IOException {
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        if (authorization == null || !authorization.startsWith("Bearer ") || authorization.length() <= 7) {
            respond(exchange, 401, "{\"error\":{\"message\":\"Invalid OAuth access token.\",\"code\":190}}");
            return;
        }
        java.util.concurrent.atomic.AtomicInteger failures = mediaFailures.get(mediaId);
        if (failures != null && failures.getAndDecrement() > 0) {
            respond(exchange, 500, "{\"error\":{\"message\":\"An unexpected error has occurred.\",\"code\":2}}");
            return;
        }
        MediaFile file = media.get(mediaId);
        if (file == null) {
            respond(exchange, 400, "{\"error\":{\"message\":\"Unsupported get request.\",\"code\":100}}");
            return;
        }
        if ("media-files".equals(first)) {
            exchange.getResponseHeaders().add("Content-Type", file.mimeType());
            exchange.sendResponseHeaders(200, file.bytes().length);
            exchange.getResponseBody().write(file.bytes());
            return;
        }
        respond(exchange, 200, JSON.createObjectNode().put("messaging_product", "whatsapp")
                .put("url", baseUrl() + "/media-files/" + mediaId).put("mime_type", file.mimeType())
                .put("file_size", file.bytes().length).put("id", mediaId).toString());
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }
}
