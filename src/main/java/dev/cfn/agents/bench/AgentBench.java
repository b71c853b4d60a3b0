package dev.cfn.agents.bench;

import dev.cfn.agents.AgentDefinition;
import dev.cfn.agents.AgentInvocation;
import dev.cfn.agents.AgentResult;
import dev.cfn.agents.AgentRole;
import dev.cfn.agents.Complexity;
import dev.cfn.agents.RuntimeKind;
import dev.cfn.agents.process.ProcessAgentRuntime;
import dev.cfn.agents.process.ProcessReaper;
import dev.cfn.agents.process.WarmPool;
import dev.cfn.bench.Samples;
import dev.cfn.protocol.Phase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Measures the agent runtime against its floor, in one run: the p50 of spawning an instant command
 * agent through {@link ProcessAgentRuntime} (input file, protocol env, output parse, marker sweep
 * scheduling) against {@code ProcessBuilder("/bin/true")} alone, interleaved so both see the same
 * machine; and the p50 of a warm-pool dispatch (one task line out, one answer line back).
 */
public final class AgentBench {
    /** Answers each task line at once; python3 when present, else a shell loop. */
    private static final String WARM_AGENT = """
            import sys
            for line in sys.stdin:
                sys.stdout.write('{"confidence": 1.0, "status": "success"}\\n')
                sys.stdout.flush()
            """;

    private AgentBench() {}

    /** Runs {@code samples} of each (after a warm-up) in a temporary folder; returns the figures. */
    public static Map<String, Object> run(int samples) throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("cfn-agent-bench");
        try {
            Map<String, Object> report = new LinkedHashMap<>();
            report.put("samples", samples);
            report.putAll(spawn(dir, samples));
            report.putAll(warm(dir, samples));
            return report;
        } finally {
            ProcessReaper.global().awaitSweeps();
            deleteTree(dir);
        }
    }

    private static Map<String, Object> spawn(Path dir, int samples) throws IOException, InterruptedException {
        ProcessAgentRuntime runtime = ProcessAgentRuntime.create(Duration.ofSeconds(1));
        AgentDefinition instant = definition("instant", List.of("/bin/echo", "{\"confidence\": 1.0}"), false);
        Samples floor = new Samples(samples);
        Samples spawn = new Samples(samples);
        int warmup = Math.max(20, samples / 10);
        for (int i = -warmup; i < samples; i++) {
            long t0 = System.nanoTime();
            new ProcessBuilder("/bin/true").start().waitFor();
            long t1 = System.nanoTime();
            AgentResult r = runtime.run(invocation(instant, dir, i));
            long t2 = System.nanoTime();
            if (r.confidence() != 1.0) {
                throw new IllegalStateException("the instant agent did not answer: " + r.confidenceReason());
            }
            if (i >= 0) {
                floor.add(t1 - t0);
                spawn.add(t2 - t1);
            }
        }
        double floorP50 = floor.p50();
        double spawnP50 = spawn.p50();
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("floor_true_p50_us", round(floorP50 / 1000));
        figures.put("spawn_p50_us", round(spawnP50 / 1000));
        figures.put("spawn_over_floor", round(spawnP50 / floorP50));
        figures.put("spawn_target_ratio", 2.0);
        return figures;
    }

    private static Map<String, Object> warm(Path dir, int samples) throws IOException {
        Path script = dir.resolve("warm-agent.py");
        Files.writeString(script, WARM_AGENT);
        boolean python = Files.isExecutable(Path.of("/usr/bin/python3"));
        List<String> argv = python
                ? List.of("/usr/bin/python3", "-u", script.toString())
                : List.of("/bin/sh", "-c", "while read -r l; do echo '{\"confidence\": 1.0}'; done");
        Samples dispatch = new Samples(samples);
        try (WarmPool pool = WarmPool.create(1, Duration.ofSeconds(1))) {
            AgentDefinition d = definition("warm-echo", argv, true);
            int warmup = Math.max(200, samples);
            for (int i = -warmup; i < samples; i++) {
                long t0 = System.nanoTime();
                AgentResult r = pool.run(invocation(d, dir, i));
                long t1 = System.nanoTime();
                if (r.confidence() != 1.0) {
                    throw new IllegalStateException("the warm agent did not answer: " + r.confidenceReason());
                }
                if (i >= 0) {
                    dispatch.add(t1 - t0);
                }
            }
        }
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("warm_agent", python ? "python3" : "sh");
        figures.put("warm_dispatch_p50_us", round(dispatch.percentileMicros(50)));
        figures.put("warm_dispatch_target_us", 200.0);
        return figures;
    }

    private static AgentDefinition definition(String name, List<String> argv, boolean warm) {
        return new AgentDefinition(
                name,
                "benchmark agent",
                List.of(),
                null,
                RuntimeKind.COMMAND,
                argv,
                AgentRole.IMPLEMENTER,
                Complexity.LOW,
                Duration.ofSeconds(30),
                warm,
                null,
                null,
                "",
                Path.of(name),
                Map.of());
    }

    private static AgentInvocation invocation(AgentDefinition d, Path dir, int i) {
        return new AgentInvocation(
                d,
                "bench",
                d.name() + "-1-" + (i & 63),
                1,
                Phase.LOOP3,
                "mvp",
                dir,
                Map.of("task", "nothing"),
                Map.of(),
                Duration.ofSeconds(30),
                dir.resolve("logs"));
    }

    private static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }

    static void deleteTree(Path dir) throws IOException {
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
