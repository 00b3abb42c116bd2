package com.chatnation.crm.application.platform.database;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A service instance's claim on an embedded data directory: an exclusive operating-system lock on the file
 * {@code <data dir>.lock} beside it (inside, it would stop {@code initdb} on a first start), held from before
 * PostgreSQL is looked at until after it has stopped. The kernel releases it when the process ends however it
 * ends, kill -9 included, so "the lock is free" means "no live instance owns the directory", and of two instances
 * starting at the same instant exactly one gets it. The file holds the {@link OwnerRecord}.
 *
 * <p>A POSIX lock belongs to the process and is dropped when any descriptor of the file is closed, so within the
 * owning process the file is only ever touched through the one channel that holds the lock.
 */
final class DataDirectoryLock implements AutoCloseable {

    private static final Set<Path> HELD_HERE = ConcurrentHashMap.newKeySet();

    private final Path file;
    private final FileChannel channel;
    private final FileLock lock;
    private final Optional<OwnerRecord> previousOwner;
    private OwnerRecord owner;

    private DataDirectoryLock(Path file, FileChannel channel, FileLock lock, Optional<OwnerRecord> previousOwner) {
        this.file = file;
        this.channel = channel;
        this.lock = lock;
        this.previousOwner = previousOwner;
    }

    static Path fileFor(Path dataDir) {
        return dataDir.resolveSibling(dataDir.getFileName() + ".lock");
    }

    /**
     * Claims the directory and records this process as its owner.
     *
     * @throws DataDirectoryInUse when a live process holds it
     */
    static DataDirectoryLock claim(Path dataDir) throws IOException {
        Path file = fileFor(dataDir.toAbsolutePath().normalize());
        if (!HELD_HERE.add(file)) {
            throw new DataDirectoryInUse(dataDir, ProcessHandle.current().pid(), "this very process runs it");
        }
        FileChannel channel = null;
        try {
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            FileLock lock = channel.tryLock();
            if (lock == null) {
                throw new DataDirectoryInUse(dataDir, owner(file).map(OwnerRecord::servicePid).orElse(0L),
                        "it holds the lock " + file);
            }
            Optional<OwnerRecord> previous = OwnerRecord.parse(read(channel));
            DataDirectoryLock claimed = new DataDirectoryLock(file, channel, lock, previous);
            claimed.record(OwnerRecord.claimedNow());
            return claimed;
        } catch (IOException | RuntimeException e) {
            HELD_HERE.remove(file);
            if (channel != null) {
                channel.close();
            }
            if (e instanceof OverlappingFileLockException) {
                throw new DataDirectoryInUse(dataDir, ProcessHandle.current().pid(), "this very process runs it");
            }
            throw e;
        }
    }

    /**
     * Who holds the lock. An owner that has just taken it replaces its predecessor's record a moment later, so an
     * empty record, or one naming a process that no longer exists, is read again for up to a second.
     */
    private static Optional<OwnerRecord> owner(Path file) throws IOException {
        Optional<OwnerRecord> owner = Optional.empty();
        for (int attempt = 0; attempt < 20; attempt++) {
            owner = OwnerRecord.parse(Files.readString(file, StandardCharsets.UTF_8));
            if (owner.isPresent() && ProcessHandle.of(owner.get().servicePid()).isPresent()) {
                return owner;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return owner;
    }

    /** The record the last owner left, read before this instance replaced it. */
    Optional<OwnerRecord> previousOwner() {
        return previousOwner;
    }

    void recordPostmaster(PostmasterPidFile postmaster) {
        record(owner.withPostmaster(postmaster));
    }

    private void record(OwnerRecord record) {
        try {
            channel.truncate(0);
            channel.write(ByteBuffer.wrap(record.format().getBytes(StandardCharsets.UTF_8)), 0);
            channel.force(true);
            owner = record;
        } catch (IOException e) {
            throw new UncheckedIOException("could not write " + file, e);
        }
    }

    private static String read(FileChannel channel) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(channel.size(), 4096));
        while (buffer.hasRemaining() && channel.read(buffer, buffer.position()) > 0) {
            // reads until full or at the end
        }
        return new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws IOException {
        try {
            lock.release();
            channel.close();
        } finally {
            HELD_HERE.remove(file);
        }
    }
}
