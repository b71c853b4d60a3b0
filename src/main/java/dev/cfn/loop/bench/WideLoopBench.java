package dev.cfn.loop.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cfn.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * 200 concurrent instant agents in one loop, run by {@code cfn loop run} in a child JVM whose heap
 * is capped ({@code -Xmx256m}): whether it completes, its wall time, and the peak heap in use as
 * the child's own GC log shows it (the heap before each collection and at exit).
 */
final class WideLoopBench {
    static final int HEAP_MB = 256;
    private static final Pattern GC_PAUSE = Pattern.compile("(\\d+)M->(\\d+)M\\((\\d+)M\\)");
    /** G1's heap line at exit: {@code garbage-first heap total reserved ..., committed ..., used 23310K}. */
    private static final Pattern EXIT_USED = Pattern.compile("heap\\s+total.*used (\\d+)K");

    private WideLoopBench() {}

    static Map<String, Object> run(Path dir, int agents, Path jar) throws IOException, InterruptedException {
        Path agentsDir = BenchAgents.write(dir.resolve("wide-agents"));
        Path work = Files.createDirectories(dir.resolve("wide-work"));
        Path gcLog = dir.resolve("wide-gc.log");
        Path out = dir.resolve("wide.out");
        Path err = dir.resolve("wide.err");
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED",
                "-Xmx" + HEAP_MB + "m",
                "-XX:+UseG1GC",
                "-Xlog:gc,gc+exit:file=" + gcLog,
                "-jar",
                jar.toString(),
                "--home",
                dir.resolve("wide-home").toString(),
                "loop",
                "run",
                "benchmark: " + agents + " instant agents",
                "--workdir",
                work.toString(),
                "--agents-dir",
                agentsDir.toString(),
                "--loop3",
                String.join(",", Collections.nCopies(agents, BenchAgents.IMPLEMENTER)),
                "--loop2",
                BenchAgents.VALIDATOR,
                "--max-iterations",
                "1",
                "--allow-unchanged", // instant agents write nothing: the bench measures the loop, not a change
                "--parallel",
                Integer.toString(agents),
                "--json"));
        long t0 = System.nanoTime();
        Process child = new ProcessBuilder(command)
                .redirectOutput(out.toFile())
                .redirectError(err.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .start();
        if (!child.waitFor(10, TimeUnit.MINUTES)) {
            child.destroyForcibly();
            throw new IllegalStateException("the 200-agent loop did not finish within 10 minutes");
        }
        long wallNs = System.nanoTime() - t0;
        return figures(agents, child.exitValue(), wallNs, out, err, gcLog);
    }

    private static Map<String, Object> figures(int agents, int exit, long wallNs, Path out, Path err, Path gcLog)
            throws IOException {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("agents", agents);
        m.put("heap_cap_mb", HEAP_MB);
        m.put("exit", exit);
        JsonNode doc = exit == 0 ? Json.mapper().readTree(out.toFile()) : null;
        m.put("completed", doc != null && "success".equals(doc.path("status").asText()));
        if (doc == null) {
            m.put("stderr", Files.readString(err).strip());
        }
        m.put("child_wall_ms", Math.round(wallNs / 1e4) / 100.0);
        m.put("loop_duration_ms", doc == null ? null : doc.path("duration_ms").asLong());
        m.putAll(heap(Files.readAllLines(gcLog)));
        return m;
    }

    /** Peak heap in use: the largest heap before a collection, or at exit when that is larger. */
    static Map<String, Object> heap(List<String> gcLog) {
        long peakMb = 0;
        int collections = 0;
        for (String line : gcLog) {
            Matcher pause = GC_PAUSE.matcher(line);
            if (pause.find()) {
                peakMb = Math.max(peakMb, Long.parseLong(pause.group(1)));
                collections++;
                continue;
            }
            Matcher used = EXIT_USED.matcher(line);
            if (used.find()) {
                peakMb = Math.max(peakMb, Long.parseLong(used.group(1)) / 1024);
            }
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("gc_collections", collections);
        m.put("peak_heap_used_mb", peakMb);
        return m;
    }
}
