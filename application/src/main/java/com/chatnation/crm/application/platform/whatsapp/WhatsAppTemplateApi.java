package com.chatnation.crm.application.platform.whatsapp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Manages a WhatsApp Business Account's message templates through the Graph API
 * ({@code {baseUrl}/{apiVersion}/{waba-id}/message_templates}): create (submit for review), list (paged) and
 * delete. These are rare administrative calls made while a person waits, so they are tried once: a failure is
 * reported to that person rather than retried behind their back.
 */
public final class WhatsAppTemplateApi {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Meta's largest page of templates. */
    static final int PAGE_SIZE = 100;

    private final WhatsAppProperties properties;
    private final HttpClient http;

    public WhatsAppTemplateApi(WhatsAppProperties properties) {
        this(properties, HttpClient.newBuilder().connectTimeout(properties.connectTimeout()).build());
    }

    WhatsAppTemplateApi(WhatsAppProperties properties, HttpClient http) {
        this.properties = Objects.requireNonNull(properties, "properties");
        this.http = Objects.requireNonNull(http, "http");
    }

    /** What Meta answered a submission: its template id, the first status (usually PENDING) and the category. */
    public record Created(String id, String status, String category) {
    }

    /** One page of the account's templates as Meta describes them, and the cursor of the next (null: last page). */
    public record TemplatePage(List<JsonNode> templates, String after) {
    }

    /** Submits a template ({@code name}, {@code language}, {@code category}, {@code components}, …) for review. */
    public Created create(String accountId, String accessToken, JsonNode template) {
        JsonNode answer = call(accessToken, HttpRequest.newBuilder(templatesUri(accountId, null))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(template.toString(), StandardCharsets.UTF_8)));
        String id = answer.path("id").asText(null);
        if (id == null || id.isBlank()) {
            throw new GraphApiRefusal(200, null, "Meta's answer named no template id");
        }
        return new Created(id, answer.path("status").asText("PENDING"), answer.path("category").asText(null));
    }

    /** One page of the account's templates, starting after {@code after} (null: the first page). */
    public TemplatePage list(String accountId, String accessToken, String after) {
        String query = "fields=id,name,language,status,category,components,rejected_reason&limit=" + PAGE_SIZE
                + (after == null ? "" : "&after=" + encode(after));
        JsonNode answer = call(accessToken, HttpRequest.newBuilder(templatesUri(accountId, query)).GET());
        List<JsonNode> templates = new ArrayList<>();
        answer.path("data").forEach(templates::add);
        boolean more = answer.path("paging").hasNonNull("next");
        String next = answer.path("paging").path("cursors").path("after").asText(null);
        return new TemplatePage(templates, more && next != null && !next.isBlank() ? next : null);
    }

    /** Deletes one language of a template (by Meta's id and name); Meta's id keeps other languages. */
    public void delete(String accountId, String accessToken, String name, String metaTemplateId) {
        String query = "name=" + encode(name) + (metaTemplateId == null ? "" : "&hsm_id=" + encode(metaTemplateId));
        call(accessToken, HttpRequest.newBuilder(templatesUri(accountId, query)).DELETE());
    }

    private JsonNode call(String accessToken, HttpRequest.Builder request) {
        HttpResponse<String> response;
        try {
            response = http.send(request.timeout(properties.requestTimeout())
                    .header("Authorization", "Bearer " + accessToken)
                    .header("Accept", "application/json").build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new GraphApiRefusal(0, null, "the Graph API could not be reached: " + e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GraphApiRefusal(0, null, "interrupted before the Graph API answered");
        }
        JsonNode body = parse(response.body());
        if (response.statusCode() >= 200 && response.statusCode() < 300) {
            return body;
        }
        JsonNode error = body.path("error");
        Integer code = error.path("code").canConvertToInt() ? error.path("code").asInt() : null;
        String message = error.path("error_user_msg").asText(error.path("message").asText("HTTP " + response.statusCode()));
        throw new GraphApiRefusal(response.statusCode(), code,
                CloudApiMessages.truncate(message.replace(accessToken, "***"), 500));
    }

    private URI templatesUri(String accountId, String query) {
        if (accountId == null || !accountId.matches("[0-9]{1,32}")) {
            throw new IllegalArgumentException("a WhatsApp Business Account id is numeric, was '" + accountId + "'");
        }
        return URI.create(properties.baseUrl() + "/" + properties.apiVersion() + "/" + accountId + "/message_templates"
                + (query == null ? "" : "?" + query));
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static JsonNode parse(String body) {
        try {
            return body == null || body.isBlank() ? JSON.missingNode() : JSON.readTree(body);
        } catch (IOException e) {
            return JSON.missingNode();
        }
    }
}
