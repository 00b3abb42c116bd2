package com.chatnation.crm.application.platform.database;

import org.apache.commons.logging.Log;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Decides, once this instance holds the {@link DataDirectoryLock}, what to do with the postmaster that
 * {@code postmaster.pid} names, and never stops or ignores one that is not provably stale:
 * <ul>
 *   <li><b>its process is gone</b>: a stale pid file; it is deleted (PostgreSQL would mostly cope, but not when
 *       the id was taken by one of its own new processes);</li>
 *   <li><b>its process id now belongs to another program</b>: the process is not a PostgreSQL server, or not one
 *       of this data directory ({@code -D} on its command line, read from {@code /proc/N/cmdline}), or it started
 *       after the pid file's start time (so it cannot have written it); the pid file is deleted, the process left
 *       alone (PostgreSQL itself would refuse to start on the live id);</li>
 *   <li><b>a live PostgreSQL server of this directory that a dead instance of the service started</b> (the
 *       {@link OwnerRecord} its instance left names that postmaster by id and start time, and the lock being free
 *       proves that instance is gone: it was killed, or died, without stopping its database): the orphan is
 *       stopped with a fast shutdown (its clients died with the instance) and the start goes on;</li>
 *   <li><b>anything else</b>, including a process whose identity cannot be read: the directory is in use, and the
 *       start-up fails with {@link DataDirectoryInUse} rather than take a database from under whoever uses it.</li>
 * </ul>
 */
final class StalePostmaster {

    private static final Duration STOP_WAIT = Duration.ofSeconds(30);
    /** The pid file's start time is written by the postmaster itself, within moments of its process starting. */
    private static final Duration START_TIME_SLACK = Duration.ofSeconds(2);

    private enum Identity { THIS_DIRECTORY_POSTMASTER, SOMETHING_ELSE, UNKNOWN }

    private StalePostmaster() {
    }

    static void clear(Path dataDir, Optional<OwnerRecord> lastOwner, Log log) throws IOException {
        Path pidFile = dataDir.resolve(PostmasterPidFile.NAME);
        Optional<PostmasterPidFile> listed;
        try {
            listed = PostmasterPidFile.read(dataDir);
        } catch (PostmasterPidFile.Unreadable unreadable) {
            // names no process, and no instance of the service is running on the directory (the lock is ours)
            log.warn("Deleting " + pidFile + ": " + unreadable.getMessage());
            Files.deleteIfExists(pidFile);
            return;
        }
        if (listed.isEmpty()) {
            return;
        }
        PostmasterPidFile postmaster = listed.get();
        Optional<ProcessHandle> process = ProcessHandle.of(postmaster.pid()).filter(ProcessHandle::isAlive);
        if (process.isEmpty()) {
            log.info("Deleting the stale " + pidFile + ": its process " + postmaster.pid() + " is gone");
            Files.deleteIfExists(pidFile);
            return;
        }
        switch (identify(process.get(), dataDir, postmaster)) {
            case SOMETHING_ELSE -> {
                log.info("Deleting the stale " + pidFile + ": its process id " + postmaster.pid()
                        + " now belongs to another program");
                Files.deleteIfExists(pidFile);
            }
            case THIS_DIRECTORY_POSTMASTER -> {
                if (lastOwner.isEmpty() || !lastOwner.get().started(postmaster)) {
                    throw new DataDirectoryInUse(dataDir, postmaster.pid(), "a PostgreSQL server this service did not"
                            + " start runs on it (port " + postmaster.port() + ")");
                }
                log.warn("Stopping PostgreSQL (process " + postmaster.pid() + ", port " + postmaster.port()
                        + ") left running on " + dataDir + " by an instance of the service that ended without"
                        + " stopping it (process " + lastOwner.get().servicePid() + ")");
                stop(process.get(), dataDir);
            }
            case UNKNOWN -> throw new DataDirectoryInUse(dataDir, postmaster.pid(), "the process postmaster.pid"
                    + " names is alive and cannot be told apart from a PostgreSQL server of this directory");
        }
    }

    private static Identity identify(ProcessHandle process, Path dataDir, PostmasterPidFile postmaster) {
        Optional<Instant> started = process.info().startInstant();
        if (started.isPresent() && started.get().isAfter(
                Instant.ofEpochSecond(postmaster.startedAt()).plus(START_TIME_SLACK))) {
            return Identity.SOMETHING_ELSE; // started after the postmaster wrote the file: the id was reused
        }
        Optional<List<String>> arguments = commandLine(process);
        if (arguments.isEmpty() || arguments.get().isEmpty()) {
            return Identity.UNKNOWN;
        }
        List<String> argv = arguments.get();
        String program = Path.of(argv.get(0)).getFileName().toString();
        if (!program.equals("postgres") && !program.equals("postmaster")) {
            return Identity.SOMETHING_ELSE;
        }
        int flag = argv.indexOf("-D");
        if (flag < 0 || flag + 1 >= argv.size()) {
            return Identity.UNKNOWN; // a postmaster that took its directory from PGDATA: cannot tell which
        }
        Path served = Path.of(argv.get(flag + 1));
        if (!served.isAbsolute()) {
            served = Path.of("/proc", String.valueOf(process.pid()), "cwd").resolve(served);
        }
        return sameDirectory(served, dataDir) ? Identity.THIS_DIRECTORY_POSTMASTER : Identity.SOMETHING_ELSE;
    }

    /** The command line as the kernel has it; elsewhere than Linux, what the JDK can tell. */
    private static Optional<List<String>> commandLine(ProcessHandle process) {
        Path cmdline = Path.of("/proc", String.valueOf(process.pid()), "cmdline");
        try {
            byte[] bytes = Files.readAllBytes(cmdline);
            if (bytes.length > 0) {
                return Optional.of(Arrays.asList(new String(bytes, StandardCharsets.UTF_8).split("\0")));
            }
        } catch (IOException | SecurityException noProcFileSystem) {
            // fall through to the JDK
        }
        ProcessHandle.Info info = process.info();
        return info.command().map(command -> {
            List<String> argv = new java.util.ArrayList<>();
            argv.add(command);
            info.arguments().ifPresent(arguments -> argv.addAll(Arrays.asList(arguments)));
            return argv;
        });
    }

    private static boolean sameDirectory(Path a, Path b) {
        try {
            return Files.isSameFile(a, b);
        } catch (IOException e) {
            return a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize());
        }
    }

    /** A fast shutdown (SIGINT, as {@code pg_ctl stop -m fast}): rolls back and disconnects, then checkpoints. */
    private static void stop(ProcessHandle postmaster, Path dataDir) throws IOException {
        try {
            new ProcessBuilder("kill", "-INT", String.valueOf(postmaster.pid())).inheritIO().start().waitFor();
        } catch (IOException noKillCommand) {
            postmaster.destroy(); // SIGTERM: a smart shutdown, which waits for clients to leave
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while stopping PostgreSQL " + postmaster.pid(), e);
        }
        try {
            postmaster.onExit().get(STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while stopping PostgreSQL " + postmaster.pid(), e);
        } catch (Exception notStopped) {
            throw new DataDirectoryInUse(dataDir, postmaster.pid(), "the PostgreSQL server left running there did"
                    + " not stop within " + STOP_WAIT.toSeconds() + " s of a fast shutdown request");
        }
    }
}
