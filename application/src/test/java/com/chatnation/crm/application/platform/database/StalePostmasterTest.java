package com.chatnation.crm.application.platform.database;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What a start finds in the data directory, on a real embedded PostgreSQL in this JVM: a pid file left behind is
 * cleared when its process is gone or is another program, an orphan of a dead instance is stopped, and a live
 * server the service did not start, or a directory this process already runs, is refused.
 */
class StalePostmasterTest {

    private static final Log LOG = LogFactory.getLog(StalePostmasterTest.class);

    @TempDir
    static Path root;
    private static Path dataDir;

    @BeforeAll
    static void initializeTheDataDirectory() throws IOException {
        dataDir = root.resolve("postgres");
        EmbeddedPostgresServer.start(dataDir, 0, LOG).close();
    }

    @Test
    void aPidFileWhoseProcessIsGoneIsClearedAndTheStartSucceeds() throws Exception {
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor(10, TimeUnit.SECONDS);
        writePidFile(gone.pid(), System.currentTimeMillis() / 1000);

        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(dataDir, 0, LOG)) {
            assertThat(selectOne(server.jdbcUrl())).isEqualTo(1);
            assertThat(PostmasterPidFile.read(dataDir).orElseThrow().pid()).isNotEqualTo(gone.pid());
        }
    }

    @Test
    void aPidFileWhoseProcessIdNowBelongsToAnotherProgramIsClearedAndThatProgramLeftAlone() throws Exception {
        Process unrelated = new ProcessBuilder("sleep", "60").start();
        try {
            writePidFile(unrelated.pid(), System.currentTimeMillis() / 1000 + 5);

            try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(dataDir, 0, LOG)) {
                assertThat(selectOne(server.jdbcUrl())).isEqualTo(1);
            }
            assertThat(unrelated.isAlive()).isTrue();
        } finally {
            unrelated.destroyForcibly();
        }
    }

    @Test
    void aPidFileOlderThanTheProcessNowHoldingItsIdIsCleared() throws Exception {
        Process unrelated = new ProcessBuilder("sleep", "60").start();
        try {
            writePidFile(unrelated.pid(), System.currentTimeMillis() / 1000 - 3600);

            try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(dataDir, 0, LOG)) {
                assertThat(selectOne(server.jdbcUrl())).isEqualTo(1);
            }
            assertThat(unrelated.isAlive()).isTrue();
        } finally {
            unrelated.destroyForcibly();
        }
    }

    @Test
    void aLivePostgresTheServiceDidNotStartIsRefusedAndKeepsRunning() throws Exception {
        try (EmbeddedPostgres foreign = foreignServer()) {
            long pid = PostmasterPidFile.read(dataDir).orElseThrow().pid();

            assertThatThrownBy(() -> EmbeddedPostgresServer.start(dataDir, 0, LOG))
                    .isInstanceOf(DataDirectoryInUse.class)
                    .hasMessageContaining("data directory " + dataDir + " is in use by process " + pid
                            + " (another instance of the service?)");
            assertThat(selectOne(foreign.getJdbcUrl("postgres", "postgres"))).isEqualTo(1);
        }
    }

    @Test
    void thePostgresADeadInstanceLeftRunningIsStoppedAndTheStartSucceeds() throws Exception {
        // a JVM that starts PostgreSQL on the directory and dies without stopping it, as a killed instance does
        Process killedService = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), StartsPostgresAndDies.class.getName(), dataDir.toString())
                .inheritIO().start();
        assertThat(killedService.waitFor(60, TimeUnit.SECONDS)).isTrue();
        PostmasterPidFile left = PostmasterPidFile.read(dataDir).orElseThrow();
        try {
            assertThat(ProcessHandle.of(left.pid()).map(ProcessHandle::isAlive)).contains(true);
            // what the dead instance had written into its lock file
            Files.writeString(DataDirectoryLock.fileFor(dataDir),
                    new OwnerRecord(killedService.pid(), left.startedAt() - 1, 0, 0).withPostmaster(left).format());

            try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(dataDir, 0, LOG)) {
                assertThat(ProcessHandle.of(left.pid()).map(ProcessHandle::isAlive).orElse(false)).isFalse();
                assertThat(selectOne(server.jdbcUrl())).isEqualTo(1);
                assertThat(PostmasterPidFile.read(dataDir).orElseThrow().pid()).isNotEqualTo(left.pid());
            }
        } finally {
            ProcessHandle.of(left.pid()).ifPresent(ProcessHandle::destroy);
        }
    }

    /** Starts PostgreSQL on the directory given, then ends its JVM at once. */
    public static final class StartsPostgresAndDies {
        public static void main(String[] args) throws IOException {
            EmbeddedPostgres.builder().setDataDirectory(Path.of(args[0])).setCleanDataDirectory(false)
                    .setRegisterShutdownHook(false).start();
            Runtime.getRuntime().halt(0);
        }
    }

    @Test
    void aDataDirectoryThisProcessAlreadyRunsIsRefused() {
        try (EmbeddedPostgresServer running = EmbeddedPostgresServer.start(dataDir, 0, LOG)) {
            assertThatThrownBy(() -> EmbeddedPostgresServer.start(dataDir, 0, LOG))
                    .isInstanceOf(DataDirectoryInUse.class)
                    .hasMessageContaining("is in use by process " + ProcessHandle.current().pid());
            assertThat(selectOne(running.jdbcUrl())).isEqualTo(1);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** A PostgreSQL server on the data directory that the service did not start. */
    private static EmbeddedPostgres foreignServer() throws IOException {
        return EmbeddedPostgres.builder().setDataDirectory(dataDir).setCleanDataDirectory(false)
                .setRegisterShutdownHook(false).start();
    }

    private static void writePidFile(long pid, long startedAt) throws IOException {
        Files.writeString(dataDir.resolve(PostmasterPidFile.NAME), pid + "\n" + dataDir + "\n" + startedAt
                + "\n5432\n/tmp\nlocalhost\n  5432001         0\nready   \n");
    }

    private static int selectOne(String jdbcUrl) {
        return new JdbcTemplate(new DriverManagerDataSource(jdbcUrl)).queryForObject("SELECT 1", Integer.class);
    }
}
