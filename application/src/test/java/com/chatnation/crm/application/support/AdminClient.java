package com.chatnation.crm.application.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Talks to a running service over real HTTP with one credential: the platform operator's key (the default), a
 * staff member's access token or an organization's API key, or none at all.
 */
public final class AdminClient {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final String baseUrl;
    private final Map<String, String> headers;

    /** With the platform operator's key. */
    public AdminClient(String baseUrl) {
        this(baseUrl, TestDatabaseEnvironmentPostProcessor.ADMIN_KEY);
    }

    /** With this platform key, or with no credential at all when it is null. */
    public AdminClient(String baseUrl, String adminKey) {
        this(baseUrl, adminKey == null ? Map.of() : Map.of("X-Admin-Key", adminKey));
    }

    private AdminClient(String baseUrl, Map<String, String> headers) {
        this.baseUrl = baseUrl;
        this.headers = headers;
    }

    /** With a staff access token or an organization API key as {@code Authorization: Bearer}. */
    public static AdminClient bearer(String baseUrl, String token) {
        return new AdminClient(baseUrl, Map.of("Authorization", "Bearer " + token));
    }

    public AdminClient withHeader(String name, String value) {
        Map<String, String> more = new HashMap<>(headers);
        more.put(name, value);
        return new AdminClient(baseUrl, more);
    }

    public String baseUrl() {
        return baseUrl;
    }

    /** The bearer token this client sends, if it sends one. */
    public String token() {
        String authorization = headers.get("Authorization");
        return authorization == null ? null : authorization.substring("Bearer ".length());
    }

    public record Response(int status, JsonNode body) {
        public String text(String field) {
            return body.path(field).asText();
        }
    }

    /** An organization onboarded by the platform, its owner logged in. */
    public record Onboarded(String organizationId, String apiKey, String ownerUserId, AdminClient owner,
                            String ownerLogin) {
        public String path(String suffix) {
            return "/api/v1/orgs/" + organizationId + suffix;
        }
    }

    public static final String OWNER_PASSWORD = "correct horse battery";

    public Response get(String path) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).GET());
    }

    public Response delete(String path) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).DELETE());
    }

    public Response post(String path, Object body) {
        return postRaw(path, json(body));
    }

    public Response put(String path, Object body) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json(body))));
    }

    public Response putRaw(String path, String body) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(body)));
    }

    /** Posts a file as the request body, with its own content type. */
    public Response postBytes(String path, String contentType, byte[] body) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path))
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    public Response postRaw(String path, String body) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    /** Onboards a fresh organization on a random WhatsApp number and returns its id. */
    public String onboardOrganization(long lowBalanceThreshold) {
        return onboard(Map.of(
                "name", "Org " + UUID.randomUUID(),
                "phoneNumberId", randomPhoneNumberId(),
                "prices", List.of(Map.of("module", "surveys", "action", "reply", "tokens", 1)),
                "lowBalanceThreshold", lowBalanceThreshold)).organizationId();
    }

    /**
     * Onboards an organization as the platform operator (adding an owner e-mail when the request has none), then
     * accepts the owner's invitation and logs the owner in.
     */
    public Onboarded onboard(Map<String, Object> request) {
        Map<String, Object> body = new HashMap<>(request);
        String ownerEmail = "owner-" + UUID.randomUUID() + "@example.com";
        body.putIfAbsent("owner", Map.of("email", ownerEmail, "displayName", "Owner"));
        Response created = post("/admin/organizations", body);
        if (created.status() != 201) {
            throw new AssertionError("onboarding failed: " + created);
        }
        JsonNode invitation = created.body().path("ownerInvitation");
        AdminClient anonymous = new AdminClient(baseUrl, (String) null);
        Response accepted = anonymous.post("/api/v1/auth/invitations/accept", Map.of(
                "token", invitation.path("invitationToken").asText(), "password", OWNER_PASSWORD));
        if (accepted.status() != 200) {
            throw new AssertionError("the owner could not accept the invitation: " + accepted);
        }
        return new Onboarded(created.text("organizationId"), created.text("apiKey"), invitation.path("userId").asText(),
                bearer(baseUrl, accepted.text("accessToken")), ownerEmail);
    }

    /** A fresh organization on a random WhatsApp number, its owner logged in. */
    public Onboarded onboardOrganizationWithOwner() {
        return onboard(Map.of("name", "Org " + UUID.randomUUID(), "phoneNumberId", randomPhoneNumberId(),
                "lowBalanceThreshold", 0));
    }

    public static String randomPhoneNumberId() {
        return String.valueOf(100_000_000_000L + (long) (Math.random() * 800_000_000_000L));
    }

    private static String json(Object body) {
        try {
            return JSON.writeValueAsString(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Response send(HttpRequest.Builder request) {
        headers.forEach(request::header);
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
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
