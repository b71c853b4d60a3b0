package dev.cfn.cli.worker;

import static dev.cfn.loop.TestAgents.answer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cfn.coord.RedisStreamWorkQueue;
import dev.cfn.loop.TestAgents;
import dev.cfn.testing.Cfn;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The test: three {@code cfn worker} processes on this machine serve a real {@code cfn loop
 * run --distributed}; one is killed with SIGKILL while it runs an agent. Its entry is taken over
 * after the lease, and the loop still completes with every agent counted exactly once.
 */
class DistributedLoopIT {
    @TempDir
    Path tmp;

    private final String queue = "it-" + UUID.randomUUID().toString().substring(0, 8);
    private final List<Cfn.Running> workers = new ArrayList<>();

    @AfterEach
    void cleanUp() throws Exception {
        for (Cfn.Running w : workers) {
            w.process().destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        try (RedisStreamWorkQueue q = RedisStreamWorkQueue.create(WorkerCliIT.URL, queue)) {
            q.purge();
        }
    }

    @Test
    void a_loop_completes_with_every_agent_counted_once_when_a_worker_is_killed_mid_task() throws Exception {
        TestAgents agents = new TestAgents(tmp.resolve("agents"));
        agents.agent("impl", "implementer", "sleep 2\n" + answer("{\"confidence\": 0.9}"))
                .agent("val", "validator", answer("{\"confidence\": 1.0}"))
                .agent("po", "product-owner", answer("{\"decision\": \"PROCEED\"}"));
        Path work = Files.createDirectories(tmp.resolve("work"));
        for (int i = 1; i <= 3; i++) {
            workers.add(new Cfn(tmp.resolve("worker-" + i), tmp.resolve("scratch-w" + i))
                    .startWithHome(
                            "worker",
                            "--redis",
                            WorkerCliIT.URL,
                            "--queue",
                            queue,
                            "--concurrency",
                            "1",
                            "--lease",
                            "2s",
                            "--id",
                            queue + "-w" + i));
        }
        await().atMost(Duration.ofSeconds(60))
                .until(() ->
                        workers.stream().allMatch(w -> WorkerCliIT.read(w.err()).contains("serving queue")));
        Cfn orchestrator = new Cfn(tmp.resolve("home"), tmp.resolve("scratch"));

        Cfn.Running loop = orchestrator.startWithHome(
                "loop",
                "run",
                "write x",
                "--workdir",
                work.toString(),
                "--agents-dir",
                agents.dir().toString(),
                "--allow-unchanged",
                "--loop3",
                "impl,impl,impl,impl",
                "--loop2",
                "val,val",
                "--product-owner",
                "po",
                "--mode",
                "mvp",
                "--distributed",
                "--queue",
                queue,
                "--queue-wait",
                "60s",
                "--redis",
                WorkerCliIT.URL,
                "--json");
        // Each worker takes one task at a time: three implementers running means each worker holds one.
        await().atMost(Duration.ofSeconds(60)).until(() -> agents.calls("impl") >= 3);
        Cfn.Running victim = workers.get(0);
        assertThat(WorkerCliIT.read(victim.err())).contains("started impl-");
        victim.process().destroyForcibly().waitFor(); // SIGKILL mid-task: no ack, no clean-up

        Cfn.Result result = loop.await();
        assertThat(result.exit()).as(result.toString()).isZero();
        JsonNode doc = result.json();
        assertThat(doc.get("status").asText()).isEqualTo("success");
        assertThat(doc.get("iterations").asInt()).isEqualTo(1);
        Map<String, Integer> counted =
                resultsPerAgent(orchestrator.dbFile(), doc.get("run_id").asText());
        assertThat(counted)
                .containsOnlyKeys("impl-1-1", "impl-1-2", "impl-1-3", "impl-1-4", "val-1-1", "val-1-2", "po-1-1")
                .allSatisfy((agent, rows) -> assertThat(rows).as(agent).isEqualTo(1));
        assertThat(doc.get("per_iteration").get(0).get("loop3_confidence").asDouble())
                .as("all four implementers' confidences counted, once each")
                .isEqualTo(0.9);
        String survivors = workers.stream()
                .filter(w -> w != victim)
                .map(w -> WorkerCliIT.read(w.err()))
                .reduce("", String::concat);
        assertThat(survivors).contains("(taken over from a dead worker)");
        assertThat(agents.calls("impl"))
                .as("at least once: the killed worker's agent ran again")
                .isGreaterThanOrEqualTo(5);
    }

    private static Map<String, Integer> resultsPerAgent(Path db, String runId) throws Exception {
        Map<String, Integer> out = new LinkedHashMap<>();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:file:" + db + "?mode=ro");
                var ps = c.prepareStatement(
                        "SELECT agent_id, COUNT(*) FROM agent_results WHERE run_id = ? GROUP BY agent_id")) {
            ps.setString(1, runId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1), rs.getInt(2));
                }
            }
        }
        return out;
    }
}
