package com.chatnation.crm.application.support;

import com.chatnation.crm.application.conversations.ingestion.WebhookSignature;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

/** Posts webhook bodies the way Meta does: raw JSON signed with the app secret. */
public final class WebhookClient {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private final String url;

    public WebhookClient(int port) {
        this.url = "http://localhost:" + port + "/webhooks/whatsapp";
    }

    public HttpResponse<String> postSigned(String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return post(bytes, WebhookSignature.headerValue(bytes, TestDatabaseEnvironmentPostProcessor.APP_SECRET));
    }

    public HttpResponse<String> post(byte[] body, String signature) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (signature != null) {
            request.header(WebhookSignature.HEADER, signature);
        }
        return send(request.build());
    }

    public HttpResponse<String> verify(String query) {
        return send(HttpRequest.newBuilder(URI.create(url + "?" + query)).GET().build());
    }

    private static HttpResponse<String> send(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A one-message text webhook from {@code waId} to {@code phoneNumberId}. */
    public static String text(String phoneNumberId, String waId, String messageId, String text) {
        return """
                {"object":"whatsapp_business_account","entry":[{"id":"1","changes":[{"field":"messages","value":{
                "messaging_product":"whatsapp","metadata":{"display_phone_number":"15550001111","phone_number_id":"%s"},
                "contacts":[{"profile":{"name":"Test Contact"},"wa_id":"%s"}],
                "messages":[{"from":"%s","id":"%s","timestamp":"%d","type":"text","text":{"body":"%s"}}]}}]}]}"""
                .formatted(phoneNumberId, waId, waId, messageId, System.currentTimeMillis() / 1000, text);
    }

    /** A one-message webhook carrying a file ({@code type} image, audio, video or document) WhatsApp keeps as {@code mediaId}. */
    public static String media(String phoneNumberId, String waId, String type, String mediaId, String mimeType) {
        return """
                {"object":"whatsapp_business_account","entry":[{"id":"1","changes":[{"field":"messages","value":{
                "messaging_product":"whatsapp","metadata":{"display_phone_number":"15550001111","phone_number_id":"%s"},
                "contacts":[{"profile":{"name":"Media Contact"},"wa_id":"%s"}],
                "messages":[{"from":"%s","id":"wamid.media-%s","timestamp":"%d","type":"%s",
                "%s":{"id":"%s","mime_type":"%s","sha256":"x"}}]}}]}]}"""
                .formatted(phoneNumberId, waId, waId, java.util.UUID.randomUUID(), System.currentTimeMillis() / 1000,
                        type, type, mediaId, mimeType);
    }

    /** A one-status webhook about {@code wamid}; {@code errorCode} null for none. */
    public static String status(String phoneNumberId, String recipient, String wamid, String status, Integer errorCode) {
        String errors = errorCode == null ? "" : ",\"errors\":[{\"code\":%d,\"title\":\"Re-engagement message\"}]"
                .formatted(errorCode);
        return """
                {"object":"whatsapp_business_account","entry":[{"id":"1","changes":[{"field":"messages","value":{
                "messaging_product":"whatsapp","metadata":{"display_phone_number":"15550001111","phone_number_id":"%s"},
                "statuses":[{"id":"%s","status":"%s","timestamp":"%d","recipient_id":"%s"%s}]}}]}]}"""
                .formatted(phoneNumberId, wamid, status, System.currentTimeMillis() / 1000, recipient, errors);
    }
}
