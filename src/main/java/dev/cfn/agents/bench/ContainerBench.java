package dev.cfn.agents.bench;

import dev.cfn.InvalidInputException;
import dev.cfn.agents.AgentDefinition;
import dev.cfn.agents.AgentInvocation;
import dev.cfn.agents.AgentResult;
import dev.cfn.agents.AgentRole;
import dev.cfn.agents.Complexity;
import dev.cfn.agents.RuntimeKind;
import dev.cfn.agents.container.ContainerEngine;
import dev.cfn.agents.container.ContainerSpec;
import dev.cfn.agents.process.ProcessAgentRuntime;
import dev.cfn.agents.process.ProcessReaper;
import dev.cfn.agents.process.ProcessRunner;
import dev.cfn.agents.process.ResourceLimits;
import dev.cfn.agents.process.WarmPool;
import dev.cfn.bench.Samples;
import dev.cfn.protocol.Phase;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code cfn agent bench --sandbox container}: in one run, interleaved so all see the same machine,
 * the p50 of one instant one-shot agent on the host (the baseline), the same agent in a new
 * container ({@code run --rm}: a cold start), a one-shot {@code exec} into a container started
 * ahead, and a warm agent's dispatch in a container (a task line to a process exec'd into a warm
 * container). All through the engine's CLI.
 */
public final class ContainerBench {
    private static final String ANSWER = "{\"confidence\": 1.0}";
    private static final List<String> INSTANT = List.of("sh", "-c", "cat > /dev/null; echo '" + ANSWER + "'");
    private static final List<String> WARM = List.of("sh", "-c", "while read -r l; do echo '" + ANSWER + "'; done");

    private ContainerBench() {}

    /**
     * @param env cfn's agent environment: the engine ({@code CFN_CONTAINER_ENGINE} or PATH) and the
     *     image ({@code CFN_CONTAINER_IMAGE})
     */
    public static Map<String, Object> run(int samples, Map<String, String> env)
            throws IOException, InterruptedException {
        ContainerEngine engine = ContainerEngine.find(env)
                .orElseThrow(() -> new dev.cfn.RetriableException(
                        "no container engine found (install podman, or set container.engine in <home>/config)"));
        String image = env.get(ContainerEngine.IMAGE_VARIABLE);
        if (image == null || image.isBlank()) {
            throw new InvalidInputException(
                    "--sandbox container needs an image: set container.image in <home>/config (or CFN_CONTAINER_IMAGE)");
        }
        if (!engine.hasImage(image)) {
            throw new InvalidInputException(
                    "image " + image + " is not present in " + engine.kind() + " (build or pull it first)");
        }
        Path dir = Files.createTempDirectory("cfn-container-bench");
        String warmName = "cfn-bench-" + ProcessHandle.current().pid();
        try {
            ProcessRunner runner =
                    new ProcessRunner(ProcessReaper.global(), ResourceLimits.detect(), Duration.ofSeconds(1), env);
            ProcessAgentRuntime runtime = new ProcessAgentRuntime(runner);
            AgentDefinition host = definition("host", false, Map.of());
            AgentDefinition boxed = definition("boxed", false, Map.of("sandbox", "container", "image", image));
            ContainerSpec spec = new ContainerSpec(
                    warmName, image, dir, List.of(), false, null, null, 1024, Map.of("cfn.run", "bench"), List.of());
            engine.startDetached(spec, env);
            List<String> exec = engine.exec(warmName, dir, List.of(), INSTANT, true);

            Samples hostSpawn = new Samples(samples);
            Samples cold = new Samples(samples);
            Samples execs = new Samples(samples);
            int warmup = 2;
            for (int i = -warmup; i < samples; i++) {
                long t0 = System.nanoTime();
                check(runtime.run(invocation(host, dir, i)), "host");
                long t1 = System.nanoTime();
                check(runtime.run(invocation(boxed, dir, i)), "cold container");
                long t2 = System.nanoTime();
                execOnce(exec, env);
                long t3 = System.nanoTime();
                if (i >= 0) {
                    hostSpawn.add(t1 - t0);
                    cold.add(t2 - t1);
                    execs.add(t3 - t2);
                }
            }
            Samples warm = new Samples(samples);
            long warmStart;
            try (WarmPool pool =
                    new WarmPool(ProcessReaper.global(), ResourceLimits.detect(), 1, Duration.ofSeconds(1), env)) {
                AgentDefinition warmBoxed =
                        definition("warm-boxed", true, Map.of("sandbox", "container", "image", image));
                long s0 = System.nanoTime();
                check(pool.run(invocation(warmBoxed, dir, 0)), "warm container");
                warmStart = System.nanoTime() - s0;
                for (int i = 0; i < samples; i++) {
                    long t0 = System.nanoTime();
                    check(pool.run(invocation(warmBoxed, dir, i)), "warm container");
                    warm.add(System.nanoTime() - t0);
                }
            }
            Map<String, Object> report = new LinkedHashMap<>();
            report.put("engine", engine.kind() + " (" + engine.version() + ") through its CLI");
            report.put("image", image);
            report.put("samples", samples);
            report.put("host_spawn_p50_ms", ms(hostSpawn.p50()));
            report.put("cold_container_p50_ms", ms(cold.p50()));
            report.put("cold_container_p90_ms", ms(cold.percentile(90)));
            report.put("exec_into_warm_container_p50_ms", ms(execs.p50()));
            report.put("warm_container_first_task_ms", ms(warmStart));
            report.put("warm_dispatch_p50_ms", ms(warm.p50()));
            report.put("cold_over_host", round((double) cold.p50() / hostSpawn.p50()));
            report.put("exec_over_cold", round((double) execs.p50() / cold.p50()));
            report.put("warm_dispatch_over_cold", round((double) warm.p50() / cold.p50()));
            return report;
        } finally {
            engine.remove(warmName);
            ProcessReaper.global().awaitSweeps();
            AgentBench.deleteTree(dir);
        }
    }

    private static void execOnce(List<String> argv, Map<String, String> env) throws IOException, InterruptedException {
        ProcessBuilder b = new ProcessBuilder(argv).redirectError(ProcessBuilder.Redirect.DISCARD);
        b.environment().clear();
        b.environment().putAll(env);
        Process p = b.start();
        try (var in = p.getOutputStream()) {
            in.write("{\"task\": \"nothing\"}".getBytes(StandardCharsets.UTF_8));
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0 || !out.contains(ANSWER)) {
            throw new IllegalStateException("exec into the warm container failed: " + out.strip());
        }
    }

    private static void check(AgentResult r, String what) {
        if (r.confidence() != 1.0) {
            throw new IllegalStateException("the " + what + " agent did not answer: " + r.confidenceReason());
        }
    }

    private static AgentDefinition definition(String name, boolean warm, Map<String, Object> extra) {
        return new AgentDefinition(
                name,
                "benchmark agent",
                List.of(),
                null,
                RuntimeKind.COMMAND,
                warm ? WARM : INSTANT,
                AgentRole.IMPLEMENTER,
                Complexity.LOW,
                Duration.ofSeconds(60),
                warm,
                null,
                null,
                "",
                Path.of(name),
                extra);
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
                Duration.ofSeconds(60),
                dir.resolve("logs"));
    }

    private static double ms(double nanos) {
        return Math.round(nanos / 10_000) / 100.0;
    }

    private static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }
}
