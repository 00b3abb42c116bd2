package com.chatnation.crm.application.platform.replay;

import com.chatnation.crm.application.platform.security.PlatformKey;
import com.chatnation.crm.application.support.AdminClient;
import com.chatnation.crm.application.support.TestDatabaseEnvironmentPostProcessor;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/** The replay admin endpoints over HTTP. */
final class ReplayClient {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    final AdminClient admin;
    private final String baseUrl;

    ReplayClient(int port) {
        this.baseUrl = "http://localhost:" + port;
        this.admin = new AdminClient(baseUrl);
    }

    AdminClient.Response start(String name) {
        return admin.post("/admin/replay/" + name, Map.of());
    }

    AdminClient.Response status(String name) {
        return admin.get("/admin/replay/" + name);
    }

    AdminClient.Response cancel(String name) {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl + "/admin/replay/" + name))
                    .header(PlatformKey.HEADER, TestDatabaseEnvironmentPostProcessor.ADMIN_KEY)
                    .DELETE().build(), HttpResponse.BodyHandlers.ofString());
            return new AdminClient.Response(response.statusCode(),
                    response.body().isEmpty() ? JSON.createObjectNode() : JSON.readTree(response.body()));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    Map<String, String> checksums(String name) {
        AdminClient.Response response = admin.get("/admin/replay/" + name + "/checksums");
        if (response.status() != 200) {
            throw new AssertionError("checksums refused: " + response);
        }
        return JSON.convertValue(response.body(), JSON.getTypeFactory().constructMapType(Map.class, String.class,
                String.class));
    }

    /** Polls the rebuild until it is no longer running; its last status. */
    JsonNode awaitFinished(String name, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            JsonNode status = status(name).body();
            if (!"running".equals(status.path("state").asText()) || System.nanoTime() > deadline) {
                return status;
            }
            Thread.sleep(100);
        }
    }
}
