package com.chatnation.crm.projections.support;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.JdbcTemplate;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * One embedded PostgreSQL for every test class of the module, migrated once with this module's migrations.
 * The event store migration (V1) belongs to the application module and is not on this classpath, hence
 * {@code ignoreMigrationPatterns("*:missing")}.
 */
public final class TestDatabase {

    private static JdbcTemplate jdbc;

    private TestDatabase() {
    }

    public static synchronized JdbcTemplate jdbc() {
        if (jdbc == null) {
            DataSource dataSource = start();
            Flyway.configure()
                    .dataSource(dataSource)
                    .locations("classpath:db/migration")
                    .ignoreMigrationPatterns("*:missing")
                    .load()
                    .migrate();
            jdbc = new JdbcTemplate(dataSource);
        }
        return jdbc;
    }

    private static DataSource start() {
        try {
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    .setServerConfig("fsync", "off")
                    .setServerConfig("synchronous_commit", "off")
                    .start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    postgres.close();
                } catch (IOException ignored) {
                    // the JVM is going away anyway
                }
            }));
            return postgres.getPostgresDatabase();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the embedded PostgreSQL for tests", e);
        }
    }
}
