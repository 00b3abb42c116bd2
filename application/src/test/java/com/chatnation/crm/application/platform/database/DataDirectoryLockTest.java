package com.chatnation.crm.application.platform.database;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Two processes claiming one data directory at the same instant: exactly one gets it, the other is told who. */
class DataDirectoryLockTest {

    @Test
    void ofTwoProcessesClaimingAtOnceExactlyOneOwnsTheDirectory(@TempDir Path root) throws Exception {
        Path dataDir = root.resolve("postgres");
        Path go = root.resolve("go");
        List<Process> claimants = new ArrayList<>();
        List<Path> outputs = List.of(root.resolve("first.out"), root.resolve("second.out"));
        for (Path output : outputs) {
            claimants.add(new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), Claims.class.getName(), dataDir.toString(),
                    go.toString()).redirectErrorStream(true).redirectOutput(output.toFile()).start());
        }
        Thread.sleep(1500); // both JVMs up and waiting
        Files.writeString(go, "go"); // both claim now

        List<String> outcomes = new ArrayList<>();
        for (int i = 0; i < claimants.size(); i++) {
            assertThat(claimants.get(i).waitFor(60, TimeUnit.SECONDS)).isTrue();
            outcomes.add(Files.readString(outputs.get(i), StandardCharsets.UTF_8).trim());
        }

        assertThat(outcomes).as(String.join("\n", outcomes))
                .filteredOn(outcome -> outcome.contains("claimed by ")).hasSize(1);
        String winner = outcomes.stream().filter(o -> o.contains("claimed by ")).findFirst().orElseThrow();
        long winnerPid = Long.parseLong(winner.replaceAll("(?s).*claimed by (\\d+).*", "$1"));
        assertThat(outcomes).filteredOn(outcome -> outcome.contains("is in use by process " + winnerPid
                + " (another instance of the service?)")).hasSize(1);
    }

    /** Waits for the go file, claims the directory, holds it a moment and says how it went. */
    public static final class Claims {
        public static void main(String[] args) throws Exception {
            Path dataDir = Path.of(args[0]);
            Path go = Path.of(args[1]);
            Files.createDirectories(dataDir);
            while (!Files.exists(go)) {
                Thread.onSpinWait();
            }
            try (DataDirectoryLock lock = DataDirectoryLock.claim(dataDir)) {
                System.out.println("claimed by " + ProcessHandle.current().pid());
                Thread.sleep(2000);
            } catch (DataDirectoryInUse refused) {
                System.out.println(refused.getMessage());
            } catch (IOException e) {
                System.out.println("failed: " + e);
            }
        }
    }
}
