package com.chatnation.crm.application.support;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

import java.util.Map;

/**
 * Points every application context started by the tests (cached ones and the ones a test starts and stops
 * itself) at the shared test database, before the service would start an embedded one of its own.
 */
public class TestDatabaseEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

    public static final String ADMIN_KEY = "test-admin-key";
    /** Where the test run's copies of contacts' files go: a fresh directory, removed by the operating system's tmp cleaning. */
    public static final java.nio.file.Path MEDIA_DIRECTORY = mediaDirectory();

    private static java.nio.file.Path mediaDirectory() {
        try {
            return java.nio.file.Files.createTempDirectory("crm-test-media-");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
    public static final String JWT_SECRET = "test-jwt-secret-of-at-least-32-characters";
    public static final String APP_SECRET = "test-app-secret";
    public static final String VERIFY_TOKEN = "test-verify-token";

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE - 10;
    }

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        environment.getPropertySources().addFirst(new MapPropertySource("sharedTestDatabase", Map.ofEntries(
                Map.entry("spring.datasource.url", SharedTestDatabase.jdbcUrl()),
                Map.entry("spring.datasource.username", SharedTestDatabase.username()),
                Map.entry("spring.datasource.password", SharedTestDatabase.password()),
                Map.entry("crm.admin.api-key", ADMIN_KEY),
                Map.entry("crm.security.jwt-secret", JWT_SECRET),
                Map.entry("crm.whatsapp.base-url", GraphApiStandIn.shared().baseUrl()),
                Map.entry("crm.whatsapp.access-token", "test-access-token"),
                Map.entry("crm.whatsapp.app-secret", APP_SECRET),
                Map.entry("crm.whatsapp.verify-token", VERIFY_TOKEN),
                Map.entry("crm.whatsapp.retry-base-delay", "20ms"),
                Map.entry("db-scheduler.polling-interval", "500ms"),
                Map.entry("crm.media.directory", MEDIA_DIRECTORY.toString()),
                Map.entry("crm.media.poll-interval", "200ms"),
                Map.entry("crm.media.retry-delay", "200ms"),
                Map.entry("crm.payments.mpesa.base-url", DarajaStandIn.shared().baseUrl()),
                Map.entry("crm.payments.mpesa.consumer-key", DarajaStandIn.CONSUMER_KEY),
                Map.entry("crm.payments.mpesa.consumer-secret", DarajaStandIn.CONSUMER_SECRET),
                Map.entry("crm.payments.mpesa.short-code", DarajaStandIn.SHORT_CODE),
                Map.entry("crm.payments.mpesa.passkey", DarajaStandIn.PASSKEY),
                Map.entry("crm.payments.mpesa.callback-wait", "5s"),
                Map.entry("crm.payments.mpesa.query-every", "1s"),
                Map.entry("crm.payments.poll-interval", "200ms"),
                // contexts still cached when the test JVM exits should not hold it up for long
                Map.entry("spring.lifecycle.timeout-per-shutdown-phase", "5s"),
                Map.entry("spring.datasource.hikari.connection-timeout", "5000"))));
    }
}
