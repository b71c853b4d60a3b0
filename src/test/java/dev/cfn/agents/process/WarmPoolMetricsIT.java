package dev.cfn.agents.process;

import static dev.cfn.agents.AgentFixtures.definition;
import static dev.cfn.agents.AgentFixtures.invocation;
import static dev.cfn.agents.AgentFixtures.script;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.cfn.agents.AgentDefinition;
import dev.cfn.agents.AgentInvocation;
import dev.cfn.agents.AgentResult;
import dev.cfn.agents.RuntimeKind;
import dev.cfn.metrics.CfnMetrics;
import dev.cfn.metrics.Scrape;
import dev.cfn.protocol.Phase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The warm pool's live and busy gauges and its spawn histogram, with real warm processes. */
class WarmPoolMetricsIT {
    /** Answers each task line; a task 'wait' answers once the file 'go' exists in the workdir. */
    private static final String WORKER = """
            #!/usr/bin/env python3
            import json, os, sys, time
            for line in sys.stdin:
                task = json.loads(line)
                if task["input"]["task"] == "wait":
                    while not os.path.exists(os.path.join(os.environ["CFN_WORKDIR"], "go")):
                        time.sleep(0.01)
                print(json.dumps({"confidence": 0.8}), flush=True)
            """;

    @TempDir
    Path dir;

    @Test
    void live_and_busy_warm_processes_and_their_dispatch_are_exported() throws Exception {
        try (CfnMetrics metrics = CfnMetrics.create().install();
                WarmPool pool = WarmPool.create(2, Duration.ofSeconds(2))) {
            AgentDefinition d = definition(
                    "warm-coder",
                    RuntimeKind.COMMAND,
                    List.of(script(dir, "worker.py", WORKER).toString()),
                    null,
                    null,
                    true,
                    Map.of());
            assertThat(pool.run(task(d, "quick", 1)).status()).isEqualTo(AgentResult.Status.SUCCESS);
            Scrape idle = Scrape.of(metrics.scrape());
            assertThat(idle.value("cfn_warm_pool_size", Map.of())).isEqualTo(2.0);
            assertThat(idle.value("cfn_warm_pool_busy", Map.of())).isZero();
            assertThat(idle.value(
                            "agent_spawn_duration_seconds_count", Map.of("agent_type", "warm-coder", "mode", "mvp")))
                    .isEqualTo(1.0);

            CompletableFuture<AgentResult> waiting = CompletableFuture.supplyAsync(() -> pool.run(task(d, "wait", 2)));
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> Scrape.of(metrics.scrape()).value("cfn_warm_pool_busy", Map.of()) == 1.0);
            Files.createFile(dir.resolve("go"));
            assertThat(waiting.get().status()).isEqualTo(AgentResult.Status.SUCCESS);
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> Scrape.of(metrics.scrape()).value("cfn_warm_pool_busy", Map.of()) == 0.0);
        }
    }

    private AgentInvocation task(AgentDefinition d, String what, int instance) {
        AgentInvocation base = invocation(d, dir, Duration.ofSeconds(20), instance);
        return new AgentInvocation(
                d,
                base.taskId(),
                base.agentId(),
                1,
                Phase.LOOP3,
                "mvp",
                dir,
                Map.of("task", what),
                Map.of(),
                Duration.ofSeconds(20),
                base.logDir());
    }
}
