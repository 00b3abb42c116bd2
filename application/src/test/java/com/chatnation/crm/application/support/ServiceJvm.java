package com.chatnation.crm.application.support;

import com.chatnation.crm.application.CrmApplication;
import org.springframework.core.env.Environment;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * The service in a JVM of its own, started from the main classes and their dependencies (the test classes left
 * out, so nothing points it at the shared test database): what a kill -9 or a SIGTERM can be sent to. Its data
 * directory, and so its embedded PostgreSQL unless a database is given, is the one a test passes; it trusts the
 * test suite's keys and secrets and sends replies to the Graph API stand-in.
 */
public final class ServiceJvm implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final Process process;
    private final int port;
    private final Path log;

    private ServiceJvm(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /** Starts the service with {@code CRM_DATA_DIR=dataDir} on a free port, without waiting for it. */
    public static ServiceJvm launch(Path dataDir, Path log, String... properties) {
        return launch(freePort(), dataDir, log, properties);
    }

    /** Starts the service on this port (a restart where clients already send), without waiting for it. */
    public static ServiceJvm launch(int port, Path dataDir, Path log, String... properties) {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-cp", mainClasspath(), CrmApplication.class.getName(),
                "--server.port=" + port,
                "--crm.admin.api-key=" + TestDatabaseEnvironmentPostProcessor.ADMIN_KEY,
                "--crm.security.jwt-secret=" + TestDatabaseEnvironmentPostProcessor.JWT_SECRET,
                "--crm.whatsapp.base-url=" + GraphApiStandIn.shared().baseUrl(),
                "--crm.whatsapp.access-token=test-access-token",
                "--crm.whatsapp.app-secret=" + TestDatabaseEnvironmentPostProcessor.APP_SECRET,
                "--crm.whatsapp.verify-token=" + TestDatabaseEnvironmentPostProcessor.VERIFY_TOKEN,
                "--crm.whatsapp.retry-base-delay=20ms",
                "--db-scheduler.polling-interval=500ms"));
        Arrays.stream(properties).map(property -> "--" + property).forEach(command::add);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().put("CRM_DATA_DIR", dataDir.toString());
        builder.environment().remove("DATABASE_URL");
        builder.environment().remove("CRM_DATABASE");
        builder.environment().remove("KAFKA_BOOTSTRAP_SERVERS");
        try {
            return new ServiceJvm(builder.start(), port, log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts the service and waits until it answers healthy. */
    public static ServiceJvm start(Path dataDir, Path log, String... properties) {
        ServiceJvm service = launch(dataDir, log, properties);
        service.awaitHealthy(Duration.ofSeconds(120));
        return service;
    }

    /**
     * Starts a second instance beside the test context's service, as production runs two: on the same test database,
     * with the context's master key (so each opens what the other sealed) and a data directory of its own; waits
     * until it answers healthy.
     */
    public static ServiceJvm startBeside(Environment context, Path dataDir, Path log) {
        String key = context.getProperty("crm.privacy.master-key", "");
        String keyFile = context.getProperty("crm.privacy.master-key-file",
                context.getProperty("crm.data-dir") + "/master-key");
        return start(dataDir, log,
                "spring.datasource.url=" + SharedTestDatabase.jdbcUrl(),
                "spring.datasource.username=" + SharedTestDatabase.username(),
                "spring.datasource.password=" + SharedTestDatabase.password(),
                key.isBlank() ? "crm.privacy.master-key-file=" + keyFile : "crm.privacy.master-key=" + key);
    }

    /** Starts the service on this port and waits until it answers healthy. */
    public static ServiceJvm start(int port, Path dataDir, Path log, String... properties) {
        ServiceJvm service = launch(port, dataDir, log, properties);
        service.awaitHealthy(Duration.ofSeconds(120));
        return service;
    }

    /** The test run's classpath less the test classes (and so less their spring.factories). */
    private static String mainClasspath() {
        String classpath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> !Path.of(entry).endsWith("test-classes"))
                .collect(Collectors.joining(File.pathSeparator));
        if (!classpath.contains("classes")) {
            throw new IllegalStateException("the test JVM's class path does not list the main classes: " + classpath);
        }
        return classpath;
    }

    public long pid() {
        return process.pid();
    }

    public int port() {
        return port;
    }

    public String baseUrl() {
        return "http://localhost:" + port;
    }

    public AdminClient admin() {
        return new AdminClient(baseUrl());
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Everything the process wrote, both streams. */
    public List<String> logLines() {
        try {
            return Files.readAllLines(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void awaitHealthy(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError("the service exited with " + process.exitValue() + ":\n" + tail());
            }
            try {
                HttpResponse<String> health = HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/actuator/health"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
                if (health.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            sleep(200);
        }
        throw new AssertionError("the service was not healthy within " + timeout + ":\n" + tail());
    }

    /** Waits for the process to end by itself and answers its exit code. */
    public int awaitExit(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError("the service did not exit within " + timeout + ":\n" + tail());
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** SIGTERM, the orderly stop; answers the exit code. */
    public int stop(Duration timeout) {
        process.destroy();
        return awaitExit(timeout);
    }

    /** SIGKILL: no shutdown of any kind. */
    public void kill() {
        process.destroyForcibly();
        awaitExit(Duration.ofSeconds(30));
    }

    public String tail() {
        List<String> lines = logLines();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
            try {
                process.waitFor(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
