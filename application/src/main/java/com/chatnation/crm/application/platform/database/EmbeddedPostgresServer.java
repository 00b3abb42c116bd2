package com.chatnation.crm.application.platform.database;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.apache.commons.logging.Log;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The embedded PostgreSQL and this instance's claim on its data directory. Started before the application context
 * exists; stopped by {@link #close()}, which the context calls after its DataSources are closed
 * ({@link EmbeddedPostgresStopsLast}), never by a JVM shutdown hook of its own that would race the service's
 * shutdown.
 */
final class EmbeddedPostgresServer implements AutoCloseable {

    private final Path dataDir;
    private final EmbeddedPostgres postgres;
    private final DataDirectoryLock lock;
    private final AtomicBoolean closed = new AtomicBoolean();

    private EmbeddedPostgresServer(Path dataDir, EmbeddedPostgres postgres, DataDirectoryLock lock) {
        this.dataDir = dataDir;
        this.postgres = postgres;
        this.lock = lock;
    }

    /**
     * Claims the directory, clears what a dead instance left there, and starts PostgreSQL on it.
     *
     * @throws DataDirectoryInUse when a live process uses the directory
     */
    static EmbeddedPostgresServer start(Path dataDir, int port, Log log) {
        DataDirectoryLock lock = null;
        try {
            Files.createDirectories(dataDir);
            lock = DataDirectoryLock.claim(dataDir);
            StalePostmaster.clear(dataDir, lock.previousOwner(), log);
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDir)
                    .setCleanDataDirectory(false)
                    .setRegisterShutdownHook(false)
                    .setServerConfig("max_connections", "100");
            if (port > 0) {
                builder.setPort(port);
            }
            EmbeddedPostgres postgres = builder.start();
            try {
                PostmasterPidFile.read(dataDir).ifPresent(lock::recordPostmaster);
            } catch (PostmasterPidFile.Unreadable | IOException | RuntimeException unrecorded) {
                // the server runs; the next start can still tell it by its start time (OwnerRecord.started)
                log.warn("Could not record the embedded PostgreSQL's process in " + DataDirectoryLock.fileFor(dataDir)
                        + ": " + unrecorded);
            }
            return new EmbeddedPostgresServer(dataDir, postgres, lock);
        } catch (IOException | RuntimeException e) {
            if (lock != null) {
                try {
                    lock.close();
                } catch (IOException suppressed) {
                    e.addSuppressed(suppressed);
                }
            }
            if (e instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new UncheckedIOException("could not start embedded PostgreSQL in " + dataDir, (IOException) e);
        }
    }

    Path dataDir() {
        return dataDir;
    }

    int port() {
        return postgres.getPort();
    }

    String jdbcUrl() {
        return postgres.getJdbcUrl("postgres", "postgres");
    }

    /** Stops PostgreSQL (a fast shutdown, waiting for it), then gives up the directory. Runs once. */
    @Override
    public void close() throws IOException {
        if (closed.getAndSet(true)) {
            return;
        }
        try {
            postgres.close();
        } finally {
            lock.close();
        }
    }
}
