package com.chatnation.crm.application.platform.whatsapp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Files contacts sent (photos, voice notes, videos, documents) as WhatsApp keeps them: the Graph API names a
 * short-lived download address for a media id ({@code GET {baseUrl}/{apiVersion}/{media-id}}), which answers the
 * file to the same access token. Files stay with WhatsApp for about 30 days; nothing is copied here. A person waits
 * for the file, so each call is tried once.
 */
public final class WhatsAppMedia {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern MEDIA_ID = Pattern.compile("[A-Za-z0-9_.-]{1,255}");

    private final WhatsAppProperties properties;
    private final HttpClient http;

    public WhatsAppMedia(WhatsAppProperties properties) {
        this(properties, HttpClient.newBuilder().connectTimeout(properties.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER).build());
    }

    WhatsAppMedia(WhatsAppProperties properties, HttpClient http) {
        this.properties = Objects.requireNonNull(properties, "properties");
        this.http = Objects.requireNonNull(http, "http");
    }

    /** An open download: the caller reads {@code body} and closes it. {@code length} is -1 when not told. */
    public record Download(String mimeType, long length, InputStream body) implements AutoCloseable {
        @Override
        public void close() throws IOException {
            body.close();
        }
    }

    /**
     * Opens the file WhatsApp keeps under {@code mediaId} for the business number; empty when WhatsApp no longer
     * has it (or never had it for this number).
     *
     * @throws GraphApiRefusal when the Graph API could not be reached or failed
     */
    public Optional<Download> open(String accessToken, String phoneNumberId, String mediaId) {
        if (mediaId == null || !MEDIA_ID.matcher(mediaId).matches()) {
            return Optional.empty();
        }
        URI lookup = URI.create(properties.baseUrl() + "/" + properties.apiVersion() + "/" + mediaId
                + "?phone_number_id=" + URLEncoder.encode(phoneNumberId, StandardCharsets.UTF_8));
        HttpResponse<InputStream> described = send(accessToken, lookup);
        JsonNode answer;
        try (InputStream body = described.body()) {
            answer = JSON.readTree(body.readNBytes(64 * 1024));
        } catch (IOException e) {
            throw new GraphApiRefusal(described.statusCode(), null, "the Graph API's answer about a file did not read");
        }
        if (described.statusCode() == 400 || described.statusCode() == 404) {
            return Optional.empty(); // Graph answers an unknown or expired media id with 400 (code 100) or 404
        }
        String url = answer == null ? null : answer.path("url").asText(null);
        if (described.statusCode() >= 300 || url == null) {
            throw new GraphApiRefusal(described.statusCode(), null, "the Graph API named no file for media " + mediaId);
        }
        URI location = trusted(url);
        HttpResponse<InputStream> file = send(accessToken, location);
        if (file.statusCode() != 200) {
            try (InputStream ignored = file.body()) {
                if (file.statusCode() == 404) {
                    return Optional.empty();
                }
                throw new GraphApiRefusal(file.statusCode(), null, "WhatsApp did not hand over media " + mediaId);
            } catch (IOException e) {
                throw new GraphApiRefusal(file.statusCode(), null, "WhatsApp did not hand over media " + mediaId);
            }
        }
        String mimeType = answer.path("mime_type").asText(file.headers().firstValue("Content-Type").orElse(null));
        return Optional.of(new Download(mimeType, file.headers().firstValueAsLong("Content-Length").orElse(-1),
                file.body()));
    }

    /**
     * Uploads a file the service made (a HypeCard) for the business number to send
     * ({@code POST {baseUrl}/{apiVersion}/{phone-number-id}/media}, multipart); answers WhatsApp's media id.
     *
     * @throws GraphApiRefusal when the Graph API could not be reached or refused the file
     */
    public String upload(String accessToken, String phoneNumberId, byte[] bytes, String mimeType, String filename) {
        String boundary = "----crm" + java.util.UUID.randomUUID().toString().replace("-", "");
        java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream(bytes.length + 512);
        byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"messaging_product\"\r\n\r\n"
                + "whatsapp\r\n--" + boundary + "\r\nContent-Disposition: form-data; name=\"type\"\r\n\r\n"
                + mimeType + "\r\n--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\""
                + filename + "\"\r\nContent-Type: " + mimeType + "\r\n\r\n").getBytes(StandardCharsets.UTF_8);
        body.writeBytes(head);
        body.writeBytes(bytes);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        URI uri = URI.create(properties.baseUrl() + "/" + properties.apiVersion() + "/"
                + URLEncoder.encode(phoneNumberId, StandardCharsets.UTF_8) + "/media");
        HttpResponse<String> answer;
        try {
            answer = http.send(HttpRequest.newBuilder(uri).timeout(properties.requestTimeout())
                            .header("Authorization", "Bearer " + accessToken)
                            .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                            .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new GraphApiRefusal(0, null, "the Graph API could not be reached: " + e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GraphApiRefusal(0, null, "interrupted before the Graph API answered");
        }
        String id = null;
        try {
            JsonNode json = JSON.readTree(answer.body());
            id = json == null ? null : json.path("id").asText(null);
        } catch (IOException unreadable) {
            // reported below, with the status
        }
        if (answer.statusCode() != 200 || id == null || !MEDIA_ID.matcher(id).matches()) {
            throw new GraphApiRefusal(answer.statusCode(), null, "WhatsApp did not take the uploaded file");
        }
        return id;
    }

    /**
     * The download address, only over HTTPS or from the configured Graph API's own origin (a test's stand-in): the
     * access token goes with it, so it must not be sent anywhere an answer happens to name.
     */
    private URI trusted(String url) {
        URI location;
        try {
            location = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new GraphApiRefusal(200, null, "the Graph API named an unusable download address");
        }
        URI base = URI.create(properties.baseUrl());
        boolean sameOrigin = Objects.equals(location.getScheme(), base.getScheme())
                && Objects.equals(location.getHost(), base.getHost()) && location.getPort() == base.getPort();
        if (!"https".equals(location.getScheme()) && !sameOrigin || location.getHost() == null) {
            throw new GraphApiRefusal(200, null, "the Graph API named a download address that is not HTTPS");
        }
        return location;
    }

    private HttpResponse<InputStream> send(String accessToken, URI uri) {
        try {
            return http.send(HttpRequest.newBuilder(uri).timeout(properties.requestTimeout())
                    .header("Authorization", "Bearer " + accessToken).GET().build(),
                    HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            throw new GraphApiRefusal(0, null, "the Graph API could not be reached: " + e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GraphApiRefusal(0, null, "interrupted before the Graph API answered");
        }
    }
}
