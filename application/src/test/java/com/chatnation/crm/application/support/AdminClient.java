package com.chatnation.crm.application.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;

/** Talks to a running service over real HTTP, the way an administrator's tooling would. */
public final class AdminClient {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final String baseUrl;
    private final String adminKey;

    public AdminClient(String baseUrl) {
        this(baseUrl, TestDatabaseEnvironmentPostProcessor.ADMIN_KEY);
    }

    public AdminClient(String baseUrl, String adminKey) {
        this.baseUrl = baseUrl;
        this.adminKey = adminKey;
    }

    public record Response(int status, JsonNode body) {
        public String text(String field) {
            return body.path(field).asText();
        }
    }

    public Response get(String path) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).GET());
    }

    public Response post(String path, Object body) {
        try {
            return postRaw(path, JSON.writeValueAsString(body));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Response postRaw(String path, String body) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    /** Onboards a fresh organization on a random WhatsApp number and returns its id. */
    public String onboardOrganization(long lowBalanceThreshold) {
        Response response = post("/admin/organizations", Map.of(
                "name", "Org " + UUID.randomUUID(),
                "phoneNumberId", randomPhoneNumberId(),
                "prices", java.util.List.of(Map.of("module", "surveys", "action", "reply", "tokens", 1)),
                "lowBalanceThreshold", lowBalanceThreshold));
        if (response.status() != 201) {
            throw new AssertionError("onboarding failed: " + response);
        }
        return response.text("organizationId");
    }

    public static String randomPhoneNumberId() {
        return String.valueOf(100_000_000_000L + (long) (Math.random() * 800_000_000_000L));
    }

    private Response send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = HTTP.send(
                    adminKey == null ? request.build() : request.header("X-Admin-Key", adminKey).build(),
                    HttpResponse.BodyHandlers.ofString());
            JsonNode body = response.body().isEmpty() ? JSON.nullNode() : JSON.readTree(response.body());
            return new Response(response.statusCode(), body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
