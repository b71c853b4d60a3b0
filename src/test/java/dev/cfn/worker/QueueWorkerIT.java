package dev.cfn.worker;

import static dev.cfn.loop.TestAgents.answer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.cfn.agents.AgentDefinition;
import dev.cfn.agents.AgentInvocation;
import dev.cfn.agents.AgentResult;
import dev.cfn.agents.definition.AgentCatalog;
import dev.cfn.agents.spawn.AgentSpawner;
import dev.cfn.agents.spawn.SpawnerSettings;
import dev.cfn.coord.Delivery;
import dev.cfn.coord.IdempotencyKey;
import dev.cfn.coord.RedisCoordinator;
import dev.cfn.coord.RedisStreamWorkQueue;
import dev.cfn.coord.WorkerStatus;
import dev.cfn.loop.TestAgents;
import dev.cfn.protocol.Phase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Workers in this JVM on the real Redis, running real agent processes, with the orchestrator's
 * {@link QueueAgentRuntime}: the round trip, a redelivered task not run or counted twice, a
 * missing workdir, and a stopping worker giving its task back.
 */
class QueueWorkerIT {
    private static final String URL = "redis://127.0.0.1:6379";
    private static final Duration LEASE = Duration.ofMillis(900);

    @TempDir
    Path tmp;

    private String run;
    private RedisStreamWorkQueue queue;
    private RedisCoordinator coordinator;
    private AgentSpawner spawner;
    private TestAgents agents;
    private final List<QueueWorker> workers = new ArrayList<>();
    private final List<CompletableFuture<Void>> running = new ArrayList<>();

    @BeforeEach
    void open() {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        run = "run-it-" + tag;
        queue = RedisStreamWorkQueue.create(URL, "it-" + tag);
        coordinator = RedisCoordinator.create(URL);
        spawner = AgentSpawner.create(SpawnerSettings.defaults());
        agents = new TestAgents(tmp.resolve("agents"));
    }

    @AfterEach
    void close() {
        workers.forEach(QueueWorker::stop);
        running.forEach(CompletableFuture::join);
        coordinator.cleanup(run);
        queue.purge();
        queue.close();
        coordinator.close();
        spawner.close();
    }

    private QueueWorker startWorker(String id, Duration drain) {
        WorkerSettings settings = new WorkerSettings(id, "localhost", 2, List.of(), LEASE, drain, tmp.resolve("logs"));
        QueueWorker worker =
                new QueueWorker(queue, coordinator, spawner::run, settings, Clock.systemUTC(), WorkerListener.NONE);
        workers.add(worker);
        running.add(CompletableFuture.runAsync(worker::run, Executors.newVirtualThreadPerTaskExecutor()));
        return worker;
    }

    private AgentInvocation invocation(String type, Path workdir) {
        AgentDefinition definition = AgentCatalog.load(agents.dir()).require(type);
        return new AgentInvocation(
                definition,
                run,
                type + "-1-1",
                1,
                Phase.LOOP3,
                "mvp",
                workdir,
                Map.of("task", "t"),
                Map.of(),
                definition.effectiveTimeout(),
                tmp.resolve("logs"));
    }

    private QueueAgentRuntime orchestrator() {
        return new QueueAgentRuntime(queue, coordinator, Duration.ofSeconds(20), Clock.systemUTC());
    }

    @Test
    void a_worker_runs_the_agent_and_its_result_comes_back_to_the_orchestrator() throws Exception {
        agents.agent("coder", "implementer", answer("{\"confidence\": 0.8, \"summary\": \"did it\"}"));
        startWorker("w1", Duration.ofSeconds(5));

        AgentResult result = orchestrator().run(invocation("coder", Files.createDirectories(tmp.resolve("work"))));

        assertThat(result.status()).isEqualTo(AgentResult.Status.SUCCESS);
        assertThat(result.confidence()).isEqualTo(0.8);
        assertThat(result.summary()).isEqualTo("did it");
        assertThat(result.agentId()).isEqualTo("coder-1-1");
        assertThat(agents.calls("coder")).isEqualTo(1);
        assertThat(queue.result(new IdempotencyKey(run, 1, "coder-1-1"))).isPresent();
    }

    @Test
    void a_task_redelivered_after_its_worker_stored_the_result_and_died_is_not_run_again() throws Exception {
        agents.agent("coder", "implementer", answer("{\"confidence\": 0.8}"));
        AgentInvocation inv = invocation("coder", Files.createDirectories(tmp.resolve("work")));
        CompletableFuture<AgentResult> waiting =
                CompletableFuture.supplyAsync(() -> orchestrator().run(inv));
        // A worker takes the task, stores its result, and dies before signalling and acking.
        Delivery held = await().atMost(Duration.ofSeconds(10))
                .until(() -> queue.take("dead", List.of(), 1, LEASE, Duration.ofMillis(200)), l -> !l.isEmpty())
                .get(0);
        AgentResult stored = AgentResult.builder("coder-1-1", "coder")
                .confidence(0.42, null)
                .summary("first")
                .exitCode(0)
                .duration(Duration.ofMillis(5))
                .build();
        queue.putResult(QueuedTask.decode(held.payload(), tmp).key(), QueuedResult.encode(stored));

        startWorker("w2", Duration.ofSeconds(5));
        AgentResult result = waiting.get();

        assertThat(result.confidence())
                .as("the stored result, not a second run")
                .isEqualTo(0.42);
        assertThat(result.summary()).isEqualTo("first");
        assertThat(agents.calls("coder")).isZero();
        // The worker signals first and acks after (a crash between the two only redelivers): the
        // orchestrator may see the result a moment before the entry is acked.
        await("acked by the worker that took it over")
                .atMost(Duration.ofSeconds(10))
                .until(() -> queue.take("any", List.of(), 5, Duration.ZERO, Duration.ofMillis(100))
                        .isEmpty());
    }

    @Test
    void a_resumed_orchestrator_takes_a_result_already_stored_for_the_agent_without_enqueueing_it() throws Exception {
        agents.agent("coder", "implementer", answer("{\"confidence\": 0.8}"));
        AgentResult earlier = AgentResult.builder("coder-1-1", "coder")
                .confidence(0.66, null)
                .summary("earlier")
                .exitCode(0)
                .duration(Duration.ofMillis(5))
                .build();
        queue.putResult(new IdempotencyKey(run, 1, "coder-1-1"), QueuedResult.encode(earlier));

        AgentResult result = orchestrator().run(invocation("coder", Files.createDirectories(tmp.resolve("work"))));

        assertThat(result).isEqualTo(earlier);
        assertThat(queue.take("any", List.of(), 5, Duration.ZERO, Duration.ofMillis(100)))
                .as("nothing enqueued")
                .isEmpty();
    }

    @Test
    void a_workdir_missing_on_the_worker_is_a_failure_that_says_so() {
        agents.agent("coder", "implementer", answer("{\"confidence\": 0.8}"));
        startWorker("w1", Duration.ofSeconds(5));

        AgentResult result = orchestrator().run(invocation("coder", tmp.resolve("not-here")));

        assertThat(result.status()).isEqualTo(AgentResult.Status.FAILURE);
        assertThat(result.confidence()).isZero();
        assertThat(result.confidenceReason())
                .isEqualTo("workdir " + tmp.resolve("not-here") + " does not exist on worker w1 (localhost): workers"
                        + " need the orchestrator's paths (a shared filesystem)");
        assertThat(agents.calls("coder")).isZero();
    }

    @Test
    void a_stopping_worker_gives_its_running_task_back_and_another_worker_finishes_it() throws Exception {
        String slowOnFirstRun = "[ \"$(wc -l < '" + agents.callsFile("slow") + "')\" -eq 1 ] && sleep 60\n"
                + answer("{\"confidence\": 0.7}");
        agents.agent("slow", "implementer", "90s", slowOnFirstRun);
        AgentInvocation inv = invocation("slow", Files.createDirectories(tmp.resolve("work")));
        CompletableFuture<AgentResult> waiting =
                CompletableFuture.supplyAsync(() -> orchestrator().run(inv));
        QueueWorker first = startWorker("w1", Duration.ZERO);
        await().atMost(Duration.ofSeconds(10)).until(() -> agents.calls("slow") == 1);

        first.stop();
        running.get(0).get(); // returns: the agent was ended, its entry given back
        startWorker("w2", Duration.ofSeconds(5));

        AgentResult result = waiting.get();
        assertThat(result.confidence()).isEqualTo(0.7);
        assertThat(agents.calls("slow")).isEqualTo(2);
        assertThat(queue.workers()).extracting(WorkerStatus::id).doesNotContain("w1");
    }
}
