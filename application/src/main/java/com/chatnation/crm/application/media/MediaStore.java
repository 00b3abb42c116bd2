package com.chatnation.crm.application.media;

import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.regex.Pattern;

/**
 * The files contacts sent, in a directory of the service's (local disk by default; any mounted volume will do).
 * A file's key is its organization and SHA-256, so the same file sent twice is kept once and a key names exactly
 * one content. Files are written to a temporary name and moved into place, so a crash never leaves half a file
 * under a key.
 */
@Component
public class MediaStore {

    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9_-]{1,64}/[0-9a-f]{64}");

    private final Path root;

    MediaStore(MediaProperties properties) {
        this.root = properties.directory().toAbsolutePath().normalize();
    }

    static String keyOf(String organizationId, String sha256) {
        return organizationId + "/" + sha256;
    }

    /** Moves a downloaded file into the store under its key (a file already there is the same content). */
    String put(String key, Path downloaded) throws IOException {
        Path target = path(key);
        Files.createDirectories(target.getParent());
        if (Files.exists(target)) {
            Files.deleteIfExists(downloaded);
            return key;
        }
        Files.move(downloaded, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        return key;
    }

    /** Keeps bytes the organization gave (a card template's background, a rendered card); answers their key. */
    public String keep(String organizationId, byte[] bytes) {
        try {
            String sha256 = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(bytes));
            Path part = temporaryFile();
            Files.write(part, bytes);
            return put(keyOf(organizationId, sha256), part);
        } catch (IOException e) {
            throw new UncheckedIOException("the media store could not keep a file", e);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    /** The bytes kept under a key, or null when there are none (an unknown or malformed key). */
    public byte[] read(String key) {
        if (!has(key)) {
            return null;
        }
        try {
            return Files.readAllBytes(path(key));
        } catch (IOException e) {
            throw new UncheckedIOException("media file " + key + " cannot be read", e);
        }
    }

    /** A fresh temporary file inside the store, on the same disk as the files, for a download in progress. */
    Path temporaryFile() throws IOException {
        Path incoming = root.resolve(".incoming");
        Files.createDirectories(incoming);
        return Files.createTempFile(incoming, "download-", ".part");
    }

    /** Opens a kept file; the caller closes it. */
    public InputStream open(String key) {
        try {
            return Files.newInputStream(path(key));
        } catch (IOException e) {
            throw new UncheckedIOException("media file " + key + " cannot be read", e);
        }
    }

    public boolean has(String key) {
        return key != null && KEY.matcher(key).matches() && Files.isRegularFile(path(key));
    }

    /** Deletes a kept file (an erased contact's); a file already gone is no error. */
    public void delete(String key) throws IOException {
        Files.deleteIfExists(path(key));
    }

    private Path path(String key) {
        if (key == null || !KEY.matcher(key).matches()) {
            throw new IllegalArgumentException("not a media key: " + key);
        }
        return root.resolve(key);
    }
}
