package com.chatnation.crm.application.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Stands in for the Graph API during the benchmark: answers {@code POST /{version}/{phoneNumberId}/messages}
 * with a fresh wamid at once, on a thread pool, and tells a listener (in-reply-to wamid, new wamid) with the
 * time it received the reply, so the generator can measure end-to-end lag and send statuses for the wamids.
 */
final class GraphApiRecorder implements AutoCloseable {

    /** Receives the wamid a reply answers (null when it has no context), the recipient, the wamid handed out. */
    interface Listener {
        void replied(String inReplyTo, String recipient, String wamid, long receivedAtNanos);
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(8, r -> {
        Thread thread = new Thread(r, "graph-api-stand-in");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicLong received = new AtomicLong();
    private final java.util.concurrent.ConcurrentLinkedQueue<TemplateSent> templates =
            new java.util.concurrent.ConcurrentLinkedQueue<>();

    private record TemplateSent(String phoneNumberId, long at) {
    }
    private volatile Listener listener = (inReplyTo, recipient, wamid, at) -> { };

    GraphApiRecorder() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 512);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    void listener(Listener listener) {
        this.listener = listener;
    }

    long received() {
        return received.get();
    }

    /** Template messages (broadcasts) received from this number between the two {@link System#nanoTime()}s. */
    long templatesFrom(String phoneNumberId, long fromNanos, long toNanos) {
        return templates.stream().filter(t -> t.phoneNumberId().equals(phoneNumberId)
                && t.at() >= fromNanos && t.at() < toNanos).count();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            long at = System.nanoTime();
            String[] path = exchange.getRequestURI().getPath().split("/");
            if (path.length == 4 && "message_templates".equals(path[3])) {
                // a template submitted for review: Meta answers with its id, pending
                exchange.getRequestBody().readAllBytes();
                byte[] answer = ("{\"id\":\"" + Math.abs(UUID.randomUUID().getMostSignificantBits() % 1_000_000_000_000L)
                        + "\",\"status\":\"PENDING\",\"category\":\"MARKETING\"}").getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, answer.length);
                exchange.getResponseBody().write(answer);
                return;
            }
            JsonNode body = JSON.readTree(exchange.getRequestBody().readAllBytes());
            if ("template".equals(body.path("type").asText()) && path.length > 2) {
                templates.add(new TemplateSent(path[2], at));
            }
            String to = body.path("to").asText();
            String inReplyTo = body.path("context").path("message_id").asText(null);
            String wamid = "wamid.standin." + UUID.randomUUID();
            received.incrementAndGet();
            byte[] bytes = ("{\"messaging_product\":\"whatsapp\",\"contacts\":[{\"input\":\"" + to + "\",\"wa_id\":\""
                    + to + "\"}],\"messages\":[{\"id\":\"" + wamid + "\"}]}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, bytes.length);
            exchange.getResponseBody().write(bytes);
            listener.replied(inReplyTo, to, wamid, at);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
