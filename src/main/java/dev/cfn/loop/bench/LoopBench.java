package dev.cfn.loop.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;

/** Runs the loop benchmarks in a temporary folder and returns their figures. */
public final class LoopBench {
    private LoopBench() {}

    /**
     * @param samples one-iteration loops measured for the overhead (after a warm-up)
     * @param wideAgents agents of the wide loop (200 for the target)
     * @param jar the cfn jar the wide loop's child JVM runs
     */
    public static Map<String, Object> run(int samples, int wideAgents, Path jar)
            throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("cfn-loop-bench");
        try {
            Map<String, Object> report = new LinkedHashMap<>();
            report.put("overhead", OverheadBench.run(dir.resolve("overhead"), samples));
            report.put("wide_loop", WideLoopBench.run(dir, wideAgents, jar));
            return report;
        } finally {
            deleteTree(dir);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
