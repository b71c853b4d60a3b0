package dev.cfn.cli.worker;

import static dev.cfn.loop.TestAgents.answer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cfn.coord.RedisCoordinator;
import dev.cfn.coord.RedisStreamWorkQueue;
import dev.cfn.loop.TestAgents;
import dev.cfn.protocol.Phase;
import dev.cfn.testing.Cfn;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dead-agent test: the only {@code cfn worker} serving a {@code cfn loop run
 * --distributed} is killed with SIGKILL while its agent runs (an agent whose timeout is 10
 * minutes). The agent's heartbeat expires after the worker's 1 s lease; the orchestrator ends the
 * agent with {@code heartbeat lost} after its 1 s grace, and the run goes on to its decision long
 * before the agent's timeout. The agent ids of each loop are in the protocol's sets.
 */
class HeartbeatLostIT {
    @TempDir
    Path tmp;

    private final String queue = "hb-" + UUID.randomUUID().toString().substring(0, 8);
    private Cfn.Running worker;
    private Path release;

    @AfterEach
    void cleanUp() throws Exception {
        if (release != null) {
            Files.writeString(release, "go"); // the orphaned agent script of the killed worker ends
        }
        if (worker != null) {
            worker.process().destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        try (RedisStreamWorkQueue q = RedisStreamWorkQueue.create(WorkerCliIT.URL, queue)) {
            q.purge();
        }
    }

    @Test
    void a_killed_workers_agent_is_ended_as_heartbeat_lost_well_before_its_timeout() throws Exception {
        release = tmp.resolve("release");
        TestAgents agents = new TestAgents(tmp.resolve("agents"));
        agents.agent(
                        "impl",
                        "implementer",
                        "10m",
                        "while [ ! -f '" + release + "' ]; do sleep 0.2; done\n" + answer("{\"confidence\": 0.9}"))
                .agent("po", "product-owner", answer("{\"decision\": \"PROCEED\"}"));
        Path work = Files.createDirectories(tmp.resolve("work"));
        worker = new Cfn(tmp.resolve("worker"), tmp.resolve("scratch-w"))
                .startWithHome(
                        "worker", "--redis", WorkerCliIT.URL, "--queue", queue, "--lease", "1s", "--id", queue + "-w");
        await().atMost(Duration.ofSeconds(60))
                .until(() -> WorkerCliIT.read(worker.err()).contains("serving queue"));
        Cfn orchestrator = new Cfn(tmp.resolve("home"), tmp.resolve("scratch"));
        Cfn.Running loop = orchestrator.startWithHome(
                "loop",
                "run",
                "write x",
                "--workdir",
                work.toString(),
                "--agents-dir",
                agents.dir().toString(),
                "--loop3",
                "impl",
                "--product-owner",
                "po",
                "--mode",
                "mvp",
                "--max-iterations",
                "1",
                "--distributed",
                "--queue",
                queue,
                "--heartbeat-grace",
                "1s",
                "--redis",
                WorkerCliIT.URL,
                "--json");
        await().atMost(Duration.ofSeconds(60)).until(() -> agents.calls("impl") >= 1);
        String runId = onlyRun(orchestrator.dbFile());
        try (RedisCoordinator redis = RedisCoordinator.create(WorkerCliIT.URL)) {
            assertThat(redis.agentIds(runId, Phase.LOOP3, 1)).containsExactly("impl-1-1");
        }
        worker.process().destroyForcibly().waitFor(); // SIGKILL mid-task: no result, no ack, no more beats

        // Far less than the agent's 10 minute timeout: the lease, the grace and a few sweeps.
        Cfn.Result result = loop.await();
        JsonNode doc = result.json();
        assertThat(doc.get("run_id").asText()).isEqualTo(runId);
        assertThat(reasonOf(orchestrator.dbFile(), runId, "impl-1-1")).startsWith("heartbeat lost");
    }

    private static String onlyRun(Path db) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:file:" + db + "?mode=ro");
                var ps = c.prepareStatement("SELECT id FROM loop_runs");
                ResultSet rs = ps.executeQuery()) {
            assertThat(rs.next()).isTrue();
            return rs.getString(1);
        }
    }

    private static String reasonOf(Path db, String runId, String agent) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:file:" + db + "?mode=ro");
                var ps = c.prepareStatement("SELECT COALESCE(confidence_reason, summary) FROM agent_results"
                        + " WHERE run_id = ? AND agent_id = ?")) {
            ps.setString(1, runId);
            ps.setString(2, agent);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : "(no result stored)";
            }
        }
    }
}
