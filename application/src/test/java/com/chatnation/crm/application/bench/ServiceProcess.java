package com.chatnation.crm.application.bench;

import com.chatnation.crm.application.platform.security.PlatformKey;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The service as production runs it: the built Spring Boot jar in its own JVM, so its heap and resident memory
 * are its own. Samples heap use (actuator, with the platform key) and RSS ({@code /proc/<pid>/status}) every 500 ms while it runs.
 */
final class ServiceProcess implements AutoCloseable {

    static final String ADMIN_KEY = "bench-admin-key";
    static final String APP_SECRET = "bench-app-secret";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final Process process;
    private final int port;
    private final Thread sampler;
    private volatile boolean sampling = true;
    private volatile long peakHeapBytes;
    private volatile long peakRssKb;
    private final Path jfrFile;

    private ServiceProcess(Process process, int port, Path jfrFile) {
        this.process = process;
        this.port = port;
        this.jfrFile = jfrFile;
        this.sampler = new Thread(this::sample, "service-memory-sampler");
        sampler.setDaemon(true);
    }

    static ServiceProcess start(BenchSettings settings, String jdbcUrl, String user, String password,
                                String graphApiBaseUrl, String name, String... extraArgs)
            throws IOException, InterruptedException {
        return startIn("crm-data", settings, jdbcUrl, user, password, graphApiBaseUrl, name, extraArgs);
    }

    /**
     * @param dataDir the service's data directory under the output directory: one per instance running at once (an
     *                instance locks its own); a second instance reads the first one's master key
     */
    static ServiceProcess startIn(String dataDir, BenchSettings settings, String jdbcUrl, String user, String password,
                                  String graphApiBaseUrl, String name, String... extraArgs)
            throws IOException, InterruptedException {
        int port = freePort();
        Path log = settings.outputDir().resolve("service-" + name + ".log");
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(settings.serviceJvmArgs());
        Path jfr = null;
        if (settings.jfr()) {
            jfr = settings.outputDir().resolve("service-" + name + ".jfr");
            command.add("-XX:FlightRecorderOptions:stackdepth=512");
            command.add("-XX:StartFlightRecording=filename=" + jfr + ",settings=profile,dumponexit=true");
        }
        command.add("-jar");
        command.add(settings.serviceJar().toString());
        command.add("--server.port=" + port);
        command.add("--spring.datasource.url=" + jdbcUrl);
        command.add("--spring.datasource.username=" + user);
        command.add("--spring.datasource.password=" + password);
        command.add("--crm.admin.api-key=" + ADMIN_KEY);
        command.add("--crm.whatsapp.app-secret=" + APP_SECRET);
        command.add("--crm.whatsapp.verify-token=bench-verify-token");
        command.add("--crm.whatsapp.access-token=bench-access-token");
        command.add("--crm.whatsapp.base-url=" + graphApiBaseUrl);
        command.add("--logging.level.root=WARN");
        // A phase's own arguments win over the experiment's (Spring would join repeated ones with commas).
        List<String> keys = java.util.Arrays.stream(extraArgs).map(ServiceProcess::key).toList();
        settings.serviceArgs().stream().filter(arg -> !keys.contains(key(arg))).forEach(command::add);
        command.addAll(List.of(extraArgs));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.to(log.toFile())); // a run's log only, not every run's
        builder.environment().put("CRM_DATA_DIR", settings.outputDir().resolve(dataDir).toString());
        ServiceProcess service = new ServiceProcess(builder.start(), port, jfr);
        service.awaitHealthy(log);
        service.sampler.start();
        return service;
    }

    String baseUrl() {
        return "http://localhost:" + port;
    }

    long pid() {
        return process.pid();
    }

    private static String key(String argument) {
        int equals = argument.indexOf('=');
        return equals < 0 ? argument : argument.substring(0, equals);
    }

    Path jfrFile() {
        return jfrFile;
    }

    long peakHeapBytes() {
        return peakHeapBytes;
    }

    long peakRssKb() {
        return Math.max(peakRssKb, procStatus("VmHWM"));
    }

    private void awaitHealthy(Path log) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the service exited with " + process.exitValue() + "; see " + log);
            }
            try {
                HttpResponse<String> health = HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/actuator/health"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
                if (health.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("the service did not become healthy within 180 s; see " + log);
    }

    private void sample() {
        while (sampling && process.isAlive()) {
            try {
                HttpResponse<String> heap = HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl()
                                + "/actuator/metrics/jvm.memory.used?tag=area:heap")).header(PlatformKey.HEADER, ADMIN_KEY)
                                .timeout(Duration.ofSeconds(2)).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (heap.statusCode() == 200) {
                    JsonNode value = JSON.readTree(heap.body()).path("measurements").path(0).path("value");
                    peakHeapBytes = Math.max(peakHeapBytes, value.asLong());
                }
                peakRssKb = Math.max(peakRssKb, procStatus("VmRSS"));
                Thread.sleep(500);
            } catch (InterruptedException e) {
                return;
            } catch (IOException | RuntimeException e) {
                // a missed sample
            }
        }
    }

    private long procStatus(String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + process.pid() + "/status"))) {
                if (line.startsWith(field + ":")) {
                    return Long.parseLong(line.replaceAll("\\D", ""));
                }
            }
        } catch (IOException | RuntimeException gone) {
            // not on Linux, or the process is gone
        }
        return 0;
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws InterruptedException {
        peakRssKb = peakRssKb();
        sampling = false;
        sampler.interrupt();
        process.destroy(); // SIGTERM: graceful shutdown, and the flight recording is written
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }
}
