package com.chatnation.crm.application.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * What a benchmark run does, from system properties (the {@code bench} Maven profile passes {@code -Dbench.*}
 * through): {@code bench.organizations}, {@code bench.contacts} (per organization), {@code bench.clients}
 * (concurrent HTTP clients), {@code bench.duration} (seconds measured per system under test; the warm-up of
 * {@link #WARM_UP} comes first), {@code bench.paced} (the paced runs that follow the saturated one: offered
 * messages/s, each written as a share of the rate the saturated run processed, {@code 0.5x}, or as a rate,
 * {@code 40}; default {@code 0.5x,0.8x}; empty for none), {@code bench.historyEvents} (event store size for the replay),
 * {@code bench.replayTimeout} (seconds), {@code bench.jfr} (record the service with Flight Recorder),
 * {@code bench.serviceArgs} / {@code bench.serviceJvmArgs} (extra service arguments, for experiments),
 * {@code bench.broadcastRecipients} (the broadcast's audience; 0: no broadcast figures), {@code bench.instances}
 * (2: a saturated run against two service instances on the same database follows the paced runs; 1: none).
 */
record BenchSettings(int organizations, int contactsPerOrganization, int clients, Duration duration,
                     List<String> paced, long historyEvents, Duration replayTimeout, boolean jfr, Path serviceJar, Path outputDir,
                     List<String> serviceArgs, List<String> serviceJvmArgs, int broadcastRecipients, int instances) {

    // long enough for the JIT to have compiled the hot paths (at 10 s it still took a seventh of the CPU)
    static final Duration WARM_UP = Duration.ofSeconds(30);
    // the paced run follows the saturated one in the same JVM: this only lets the previous run's backlog drain
    static final Duration PACED_WARM_UP = Duration.ofSeconds(20);

    static BenchSettings fromSystemProperties() {
        return new BenchSettings(
                Integer.getInteger("bench.organizations", 20),
                Integer.getInteger("bench.contacts", 25),
                Integer.getInteger("bench.clients", 32),
                Duration.ofSeconds(Long.getLong("bench.duration", 60)),
                words(System.getProperty("bench.paced", "0.5x,0.8x").replace(',', ' ')),
                Long.getLong("bench.historyEvents", 1_000_000),
                Duration.ofSeconds(Long.getLong("bench.replayTimeout", 900)),
                Boolean.parseBoolean(System.getProperty("bench.jfr", "true")),
                Path.of(System.getProperty("bench.serviceJar", "application/target/application-1.0.0-SNAPSHOT.jar")),
                Path.of(System.getProperty("bench.outputDir", "target/bench")),
                words(System.getProperty("bench.serviceArgs", "")),
                words(System.getProperty("bench.serviceJvmArgs", "-Xmx1g")),
                Integer.getInteger("bench.broadcastRecipients", 100_000),
                Math.max(1, Math.min(2, Integer.getInteger("bench.instances", 2))));
    }

    /** The messages/s a paced run offers, given what the saturated run processed. */
    static double pacedRate(String paced, double saturatedRate) {
        return paced.endsWith("x") ? Math.max(1, Math.floor(saturatedRate * Double.parseDouble(paced.substring(0,
                paced.length() - 1)))) : Double.parseDouble(paced);
    }

    private static List<String> words(String value) {
        return value.isBlank() ? List.of() : Arrays.asList(value.trim().split("\\s+"));
    }
}
