package com.chatnation.crm.application.platform.whatsapp;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A real HTTP server on a free local port standing in for the Graph API. It records every request and answers
 * from a script; the last scripted answer repeats for all further requests.
 */
final class FakeGraphApi implements AutoCloseable {

    record Request(String method, String path, Map<String, List<String>> headers, String body) {
        String header(String name) {
            return headers.entrySet().stream()
                    .filter(entry -> entry.getKey().equalsIgnoreCase(name))
                    .map(entry -> entry.getValue().get(0))
                    .findFirst().orElse(null);
        }
    }

    record Answer(int status, String body, Map<String, String> headers, Duration delay) {
        Answer withHeader(String name, String value) {
            Map<String, String> more = new java.util.HashMap<>(headers);
            more.put(name, value);
            return new Answer(status, body, Map.copyOf(more), delay);
        }

        Answer after(Duration delay) {
            return new Answer(status, body, headers, delay);
        }
    }

    static Answer answer(int status, String body) {
        return new Answer(status, body, Map.of(), Duration.ZERO);
    }

    static Answer sent(String wamid) {
        return answer(200, """
                {"messaging_product":"whatsapp","contacts":[{"input":"254712345678","wa_id":"254712345678"}],\
                "messages":[{"id":"%s"}]}""".formatted(wamid));
    }

    static Answer graphError(int status, int code, String title, String message, String details) {
        return answer(status, """
                {"error":{"message":"%s","type":"OAuthException","code":%d,"title":"%s",\
                "error_data":{"messaging_product":"whatsapp","details":"%s"},"fbtrace_id":"AbC123"}}"""
                .formatted(message, code, title, details));
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(4);
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final Deque<Answer> script = new ArrayDeque<>();

    FakeGraphApi() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    /** Answers the next requests in this order; the last one keeps answering after that. */
    synchronized FakeGraphApi script(Answer... answers) {
        script.clear();
        script.addAll(List.of(answers));
        return this;
    }

    String baseUrl() {
        return "http://" + server.getAddress().getHostString() + ":" + server.getAddress().getPort();
    }

    List<Request> requests() {
        return List.copyOf(requests);
    }

    private synchronized Answer nextAnswer() {
        if (script.isEmpty()) {
            return answer(500, "{\"error\":{\"message\":\"no scripted answer\",\"code\":1}}");
        }
        return script.size() == 1 ? script.peekFirst() : script.pollFirst();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            requests.add(new Request(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                    Map.copyOf(exchange.getRequestHeaders()), body));
            Answer answer = nextAnswer();
            if (!answer.delay().isZero()) {
                try {
                    Thread.sleep(answer.delay().toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            answer.headers().forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
            exchange.sendResponseHeaders(answer.status(), bytes.length == 0 ? -1 : bytes.length);
            if (bytes.length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(bytes);
                }
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
