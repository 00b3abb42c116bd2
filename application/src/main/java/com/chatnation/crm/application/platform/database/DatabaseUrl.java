package com.chatnation.crm.application.platform.database;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/** A {@code DATABASE_URL} in either JDBC form or the common {@code postgres://user:password@host:port/db} form. */
record DatabaseUrl(String jdbcUrl, String username, String password) {

    static DatabaseUrl parse(String value) {
        if (value.startsWith("jdbc:")) {
            return new DatabaseUrl(value, null, null);
        }
        URI uri = URI.create(value);
        if (!"postgres".equals(uri.getScheme()) && !"postgresql".equals(uri.getScheme())) {
            throw new IllegalArgumentException("DATABASE_URL must start with jdbc:postgresql:, postgres: or postgresql:");
        }
        String user = null;
        String password = null;
        if (uri.getRawUserInfo() != null) {
            String[] parts = uri.getRawUserInfo().split(":", 2);
            user = decode(parts[0]);
            password = parts.length > 1 ? decode(parts[1]) : null;
        }
        int port = uri.getPort() > 0 ? uri.getPort() : 5432;
        String query = uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
        return new DatabaseUrl("jdbc:postgresql://" + uri.getHost() + ":" + port + uri.getRawPath() + query, user, password);
    }

    Map<String, Object> asSpringProperties() {
        Map<String, Object> properties = new HashMap<>();
        properties.put("spring.datasource.url", jdbcUrl);
        if (username != null) {
            properties.put("spring.datasource.username", username);
        }
        if (password != null) {
            properties.put("spring.datasource.password", password);
        }
        return properties;
    }

    /** A JDBC or {@code postgres://} URL fit for a log: any password in it (user info or parameter) masked. */
    static String redact(String url) {
        return url.replaceAll("(?i)([?&;]password=)[^&;]*", "$1***")
                .replaceAll("(//[^/@:]*):[^/@]*@", "$1:***@");
    }

    private static String decode(String part) {
        return URLDecoder.decode(part, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "DatabaseUrl[" + jdbcUrl + ", user=" + username + "]"; // never the password
    }
}
