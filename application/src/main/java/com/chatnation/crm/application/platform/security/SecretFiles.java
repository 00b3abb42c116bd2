package com.chatnation.crm.application.platform.security;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Secrets that a zero-configuration run generates once and keeps in the data directory, readable only by their
 * owner, so a restart keeps them and they never have to appear in a log or a command line.
 */
public final class SecretFiles {

    private static final Logger log = LoggerFactory.getLogger(SecretFiles.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    private SecretFiles() {
    }

    /** The file's content, or 32 fresh random bytes (URL-safe Base64) written to it first. */
    public static synchronized String readOrGenerate(Path file, String what) {
        try {
            if (Files.exists(file)) {
                return Files.readString(file).strip();
            }
            Files.createDirectories(file.toAbsolutePath().getParent());
            byte[] bytes = new byte[32];
            RANDOM.nextBytes(bytes);
            String value = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
            Path partial = file.resolveSibling(file.getFileName() + ".partial");
            Files.writeString(partial, value);
            try {
                Files.setPosixFilePermissions(partial, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException notPosix) {
                // best effort on file systems without POSIX permissions
            }
            // a crash half-way leaves no half-written secret behind
            Files.move(partial, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            log.info("No {} configured: generated one in {}", what, file);
            return value;
        } catch (IOException e) {
            throw new UncheckedIOException("could not read or create the " + what + " file " + file, e);
        }
    }
}
