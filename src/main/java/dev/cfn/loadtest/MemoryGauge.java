package dev.cfn.loadtest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The orchestrator's own memory: JVM heap in use, and on Linux the resident set (now and at its peak). */
final class MemoryGauge {
    private static final Path STATUS = Path.of("/proc/self/status");

    private MemoryGauge() {}

    /** Heap in use right now, in bytes (live and not yet collected objects). */
    static long heapUsed() {
        Runtime runtime = Runtime.getRuntime();
        return runtime.totalMemory() - runtime.freeMemory();
    }

    /** The process's resident set in bytes ({@code VmRSS}); -1 where /proc is not available. */
    static long rss() {
        return status("VmRSS:");
    }

    /** The peak resident set in bytes ({@code VmHWM}); -1 where /proc is not available. */
    static long peakRss() {
        return status("VmHWM:");
    }

    private static long status(String field) {
        try {
            for (String line : Files.readAllLines(STATUS)) {
                if (line.startsWith(field)) {
                    String kb = line.substring(field.length()).trim().split("\\s+")[0];
                    return Long.parseLong(kb) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1; // not Linux, or an unexpected format: the figure is unknown
        }
        return -1;
    }
}
