package com.chatnation.crm.application.platform.database;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * PostgreSQL's {@code postmaster.pid}: the postmaster's process id, its data directory, its start time (epoch
 * seconds) and its port, on the first four lines.
 */
record PostmasterPidFile(long pid, Path dataDir, long startedAt, int port) {

    static final String NAME = "postmaster.pid";

    /** Thrown for a pid file that names no process (empty or cut short: a start that died while writing it). */
    static final class Unreadable extends Exception {
        Unreadable(String message) {
            super(message);
        }
    }

    /** @return empty when there is no pid file */
    static Optional<PostmasterPidFile> read(Path dataDir) throws IOException, Unreadable {
        List<String> lines;
        try {
            lines = Files.readAllLines(dataDir.resolve(NAME), StandardCharsets.UTF_8);
        } catch (NoSuchFileException none) {
            return Optional.empty();
        }
        if (lines.size() < 4) {
            throw new Unreadable(NAME + " has " + lines.size() + " lines");
        }
        try {
            return Optional.of(new PostmasterPidFile(Long.parseLong(lines.get(0).trim()), Path.of(lines.get(1).trim()),
                    Long.parseLong(lines.get(2).trim()), Integer.parseInt(lines.get(3).trim())));
        } catch (RuntimeException e) {
            throw new Unreadable(NAME + " is not a postmaster's: " + e.getMessage());
        }
    }
}
