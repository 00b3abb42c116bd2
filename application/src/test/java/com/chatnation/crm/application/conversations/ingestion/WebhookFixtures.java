package com.chatnation.crm.application.conversations.ingestion;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.stream.Stream;

/**
 * The shared WhatsApp webhook payloads at {@code <project root>/../shared/whatsapp-webhooks}, found by walking up
 * from the working directory (the module directory under Maven, the project root in an IDE).
 */
public final class WebhookFixtures {

    private static final Path DIRECTORY = locate();

    private WebhookFixtures() {
    }

    public static Path directory() {
        return DIRECTORY;
    }

    public static List<Path> all() {
        try (Stream<Path> files = Files.list(DIRECTORY)) {
            return files.filter(file -> file.getFileName().toString().endsWith(".json")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] bytes(String fileName) {
        try {
            return Files.readAllBytes(DIRECTORY.resolve(fileName));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read fixture " + fileName, e);
        }
    }

    private static Path locate() {
        Path start = Paths.get("").toAbsolutePath();
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared").resolve("whatsapp-webhooks");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("no shared/whatsapp-webhooks folder found above " + start);
    }
}
