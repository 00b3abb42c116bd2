package com.chatnation.crm.application.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A browser's session with the dashboard over plain HTTP: cookies kept, redirects not followed, and the CSRF token
 * of the last page read sent with every form.
 */
public final class DashboardSession {

    private static final Pattern CSRF = Pattern.compile("name=\"csrf-token\" content=\"([^\"]+)\"|name=\"_csrf\" value=\"([^\"]+)\"");

    private final String baseUrl;
    private final HttpClient http;
    private String csrfToken;

    public record Page(int status, String body, String location) {
    }

    private DashboardSession(String baseUrl) {
        this.baseUrl = baseUrl;
        this.http = HttpClient.newBuilder().cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** A visitor who has only opened the login page. */
    public static DashboardSession anonymous(String baseUrl) {
        DashboardSession session = new DashboardSession(baseUrl);
        session.get("/login");
        return session;
    }

    public static DashboardSession logIn(String baseUrl, TeamMembers.Member member) {
        DashboardSession session = anonymous(baseUrl);
        Page answer = session.post("/login", Map.of("login", member.login(), "password", member.password()));
        if (answer.status() != 302 || answer.location() == null || !answer.location().endsWith("/app")) {
            throw new AssertionError("login refused: " + answer.status() + " " + answer.location());
        }
        session.get("/app");
        return session;
    }

    public Page get(String path) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).GET(), Map.of());
    }

    /** A GET whose answer is kept as bytes, with its headers: a file the page hands out. */
    public HttpResponse<byte[]> download(String path) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(baseUrl + path)).GET().build(),
                    HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** An htmx request, as the pages' partial refreshes send them. */
    public Page htmx(String path) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).GET(), Map.of("HX-Request", "true"));
    }

    public Page post(String path, Map<String, String> form) {
        Map<String, String> fields = new LinkedHashMap<>(form);
        if (csrfToken != null) {
            fields.putIfAbsent("_csrf", csrfToken);
        }
        return postWithoutToken(path, fields);
    }

    public Page postWithoutToken(String path, Map<String, String> form) {
        String body = form.entrySet().stream().map(field -> encode(field.getKey()) + "=" + encode(field.getValue()))
                .collect(Collectors.joining("&"));
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)), Map.of());
    }

    public Page send(String method, String path, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path));
        if (method.equals("GET")) {
            return send(request.GET(), headers);
        }
        String body = csrfToken == null ? "" : "_csrf=" + encode(csrfToken);
        return send(request.header("Content-Type", "application/x-www-form-urlencoded")
                .method(method, HttpRequest.BodyPublishers.ofString(body)), headers);
    }

    private Page send(HttpRequest.Builder request, Map<String, String> headers) {
        headers.forEach(request::header);
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            Matcher token = CSRF.matcher(response.body());
            if (token.find()) {
                csrfToken = token.group(1) != null ? token.group(1) : token.group(2);
            }
            return new Page(response.statusCode(), response.body(),
                    response.headers().firstValue("Location").orElse(null));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
