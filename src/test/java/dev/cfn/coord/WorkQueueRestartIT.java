package dev.cfn.coord;

import static dev.cfn.loop.TestAgents.answer;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cfn.agents.AgentDefinition;
import dev.cfn.agents.AgentInvocation;
import dev.cfn.agents.AgentResult;
import dev.cfn.agents.definition.AgentCatalog;
import dev.cfn.agents.spawn.AgentSpawner;
import dev.cfn.agents.spawn.SpawnerSettings;
import dev.cfn.loop.TestAgents;
import dev.cfn.protocol.Phase;
import dev.cfn.worker.QueueAgentRuntime;
import dev.cfn.worker.QueueWorker;
import dev.cfn.worker.WorkerListener;
import dev.cfn.worker.WorkerSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docs/deployment.md's "Redis restarts" on a Redis of this test's own: a worker and an
 * orchestrator outlive a restart that lost every key (no persistence) and the next task runs.
 */
class WorkQueueRestartIT {
    @TempDir
    Path tmp;

    @Test
    void a_worker_recovers_from_a_redis_restart_that_lost_the_stream_and_its_group() throws Exception {
        Assumptions.assumeTrue(RedisServerProcess.installed(), "redis-server is not installed");
        TestAgents agents =
                new TestAgents(tmp.resolve("agents")).agent("coder", "implementer", answer("{\"confidence\": 0.8}"));
        AgentDefinition coder = AgentCatalog.load(agents.dir()).require("coder");
        Path work = Files.createDirectories(tmp.resolve("work"));
        try (RedisServerProcess server = new RedisServerProcess(tmp).start();
                RedisStreamWorkQueue queue = RedisStreamWorkQueue.create(server.url(), "restart");
                RedisCoordinator coordinator = RedisCoordinator.create(server.url());
                AgentSpawner spawner = AgentSpawner.create(SpawnerSettings.defaults())) {
            WorkerSettings settings = new WorkerSettings(
                    "w1", "localhost", 2, List.of(), Duration.ofMillis(900), Duration.ofSeconds(5), tmp);
            QueueWorker worker =
                    new QueueWorker(queue, coordinator, spawner::run, settings, Clock.systemUTC(), WorkerListener.NONE);
            CompletableFuture<Void> running = CompletableFuture.runAsync(worker::run);
            QueueAgentRuntime orchestrator =
                    new QueueAgentRuntime(queue, coordinator, Duration.ofSeconds(30), Clock.systemUTC());
            try {
                assertThat(orchestrator
                                .run(invocation(coder, "coder-1-1", work))
                                .confidence())
                        .isEqualTo(0.8);

                server.kill();
                server.start(); // empty: no stream, no group, no result keys

                AgentResult after = orchestrator.run(invocation(coder, "coder-1-2", work));
                assertThat(after.status())
                        .as(String.valueOf(after.confidenceReason()))
                        .isEqualTo(AgentResult.Status.SUCCESS);
                assertThat(agents.calls("coder")).isEqualTo(2);
            } finally {
                worker.stop();
                running.join();
            }
        }
    }

    private static AgentInvocation invocation(AgentDefinition d, String agent, Path work) {
        return new AgentInvocation(
                d, "run-restart", agent, 1, Phase.LOOP3, "mvp", work, Map.of(), Map.of(), Duration.ofSeconds(20), work);
    }
}
