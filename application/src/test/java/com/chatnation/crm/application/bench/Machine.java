package com.chatnation.crm.application.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The machine a run was taken on, from /proc/cpuinfo and /proc/meminfo. */
final class Machine {

    private Machine() {
    }

    static String describe() {
        String cpu = "?";
        long memoryKb = 0;
        try {
            List<String> cpuinfo = Files.readAllLines(Path.of("/proc/cpuinfo"));
            cpu = cpuinfo.stream().filter(l -> l.startsWith("model name")).findFirst()
                    .map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse("?");
            memoryKb = Files.readAllLines(Path.of("/proc/meminfo")).stream().filter(l -> l.startsWith("MemTotal"))
                    .findFirst().map(l -> Long.parseLong(l.replaceAll("\\D", ""))).orElse(0L);
        } catch (IOException | RuntimeException notLinux) {
            // described as far as known
        }
        return String.format("%d cores (%s), %.1f GiB RAM, %s %s, Java %s", Runtime.getRuntime().availableProcessors(),
                cpu, memoryKb / 1048576.0, System.getProperty("os.name"), System.getProperty("os.arch"),
                System.getProperty("java.version"));
    }
}
