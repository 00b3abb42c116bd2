package com.chatnation.crm.application.bench;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Where the service's CPU went, from its flight recording's execution samples: by thread pool, by hottest
 * method (top frame), and by the innermost frame of the project's own code or Axon's.
 */
final class JfrSummary {

    private JfrSummary() {
    }

    static String summarize(Path recording) throws IOException {
        if (recording == null || !Files.exists(recording)) {
            return "(no recording)";
        }
        Map<String, Integer> threads = new HashMap<>();
        Map<String, Integer> topFrames = new HashMap<>();
        Map<String, Integer> ownFrames = new HashMap<>();
        int samples = 0;
        for (RecordedEvent event : RecordingFile.readAllEvents(recording)) {
            if (!event.getEventType().getName().equals("jdk.ExecutionSample")) {
                continue;
            }
            samples++;
            String thread = event.getThread("sampledThread") == null ? "?" : event.getThread("sampledThread").getJavaName();
            threads.merge(thread == null ? "?" : thread.replaceAll("[-#]?\\d+", "-N").replaceAll("(-N)+", "-N"), 1, Integer::sum);
            RecordedStackTrace stack = event.getStackTrace();
            if (stack == null || stack.getFrames().isEmpty()) {
                continue;
            }
            topFrames.merge(name(stack.getFrames().get(0)), 1, Integer::sum);
            for (RecordedFrame frame : stack.getFrames()) {
                String type = frame.getMethod().getType().getName();
                if (type.startsWith("com.chatnation") || type.startsWith("org.axonframework")
                        || type.startsWith("org.postgresql") || type.startsWith("com.zaxxer")
                        || type.startsWith("com.fasterxml")) {
                    ownFrames.merge(name(frame), 1, Integer::sum);
                    break;
                }
            }
        }
        return "execution samples: " + samples + "\n  by thread:\n" + top(threads, samples, 8)
                + "  hottest methods (top frame):\n" + top(topFrames, samples, 12)
                + "  innermost project/Axon/Jackson/JDBC frame:\n" + top(ownFrames, samples, 15);
    }

    private static String name(RecordedFrame frame) {
        return frame.getMethod().getType().getName().replaceAll("^.*\\.(\\w+\\.\\w+)$", "$1") + "."
                + frame.getMethod().getName();
    }

    private static String top(Map<String, Integer> counts, int total, int limit) {
        List<Map.Entry<String, Integer>> sorted = counts.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(limit).toList();
        return sorted.stream().map(e -> String.format("    %5.1f%%  %s%n", 100.0 * e.getValue() / Math.max(1, total),
                e.getKey())).collect(Collectors.joining());
    }
}
