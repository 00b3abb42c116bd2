package com.chatnation.crm.application.support;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * One real PostgreSQL for the whole test JVM. {@code CRM_TEST_DATABASE_URL} (a JDBC URL) points the tests at an
 * existing server instead; otherwise an embedded server is started once, on a fresh data directory.
 */
public final class SharedTestDatabase {

    private static String jdbcUrl;

    private SharedTestDatabase() {
    }

    public static synchronized String jdbcUrl() {
        if (jdbcUrl == null) {
            String external = System.getenv("CRM_TEST_DATABASE_URL");
            jdbcUrl = external != null && !external.isBlank() ? external : startEmbedded();
        }
        return jdbcUrl;
    }

    public static String username() {
        String user = System.getenv("CRM_TEST_DATABASE_USER");
        return user == null ? "postgres" : user;
    }

    public static String password() {
        String password = System.getenv("CRM_TEST_DATABASE_PASSWORD");
        return password == null ? "" : password;
    }

    private static String startEmbedded() {
        try {
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    .setServerConfig("max_connections", "300")
                    .setServerConfig("fsync", "off")
                    .start();
            return postgres.getJdbcUrl("postgres", "postgres");
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the embedded PostgreSQL for tests", e);
        }
    }
}
