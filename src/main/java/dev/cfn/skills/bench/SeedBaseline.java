package dev.cfn.skills.bench;

import dev.cfn.bench.Samples;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs {@code bench/seed-baseline.sh} (bash driving the {@code sqlite3} CLI, one process per
 * statement, as the seed's scripts do) on a copy of the benchmark database and reads its
 * samples: one {@code operation<TAB>microseconds} line per measured call on stdout.
 */
final class SeedBaseline {
    private final Path script;
    private final BenchProgress progress;

    SeedBaseline(Path script, BenchProgress progress) {
        this.script = script;
        this.progress = progress;
    }

    /**
     * @return samples per baseline operation ({@link Operation#baselineKey()})
     * @throws IllegalStateException if the script fails; the message holds its last error lines
     */
    Map<String, Samples> run(Path dbCopy, boolean quick) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("bash", script.toString()));
        if (quick) {
            command.add("--quick");
        }
        command.add(dbCopy.toString());
        Path errors = dbCopy.resolveSibling("seed-baseline.err");
        Process process = new ProcessBuilder(command)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .redirectError(errors.toFile())
                .start();
        Map<String, Samples> samples = new LinkedHashMap<>();
        try (BufferedReader out =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                String[] parts = line.split("\t");
                if (parts.length == 2 && parts[1].matches("\\d+")) {
                    Samples s = samples.computeIfAbsent(parts[0], k -> new Samples(64));
                    s.add(Long.parseLong(parts[1]) * 1000);
                    progress.update("baseline " + parts[0], s.count(), 0);
                }
            }
        }
        int exit = process.waitFor();
        if (exit != 0) {
            List<String> lines = Files.readAllLines(errors);
            String tail = String.join(" | ", lines.subList(Math.max(0, lines.size() - 3), lines.size()));
            throw new IllegalStateException(script + " failed with exit code " + exit + ": " + tail);
        }
        return samples;
    }
}
