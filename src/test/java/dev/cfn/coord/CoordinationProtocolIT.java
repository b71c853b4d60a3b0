package dev.cfn.coord;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cfn.protocol.Phase;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The redis-cli recipes of docs/coordination-protocol.md, run as shell commands against the real
 * Redis, interoperate with {@link RedisCoordinator}: a shell agent and a Java orchestrator, and
 * the other way round. Each test uses a task id of its own, removed afterwards.
 */
class CoordinationProtocolIT {
    private String task;
    private Coordinator coord;
    private RawRedis raw;

    @BeforeEach
    void open() throws Exception {
        Assumptions.assumeTrue(shell("redis-cli --version").startsWith("redis-cli"), "redis-cli is not installed");
        task = "doc-it-" + UUID.randomUUID().toString().substring(0, 8);
        coord = RedisCoordinator.create(RawRedis.URL);
        raw = new RawRedis(RawRedis.URL);
    }

    @AfterEach
    void close() {
        if (raw != null) {
            raw.unlinkAll("swarm:" + task + ":*");
            raw.close();
            coord.close();
        }
    }

    @Test
    void a_shell_agent_reports_to_a_java_orchestrator() throws Exception {
        shell("R='redis-cli -u redis://127.0.0.1:6379'; T=" + task + " A=coder-1-1\n"
                + "$R SET swarm:$T:$A:confidence 0.85 EX 3600\n"
                + "$R HSET swarm:$T:$A:result result '{\"files\":3}' confidence 0.85 timestamp \"$(date +%s%3N)\"\n"
                + "$R EXPIRE swarm:$T:$A:result 3600\n"
                + "$R LPUSH swarm:$T:$A:done complete\n"
                + "$R EXPIRE swarm:$T:$A:done 3600\n");

        assertThat(coord.confidence(task, "coder-1-1")).isEqualTo(OptionalDouble.of(0.85));
        assertThat(coord.result(task, "coder-1-1")).containsEntry("result", "{\"files\":3}");
        for (String key : raw.keys("swarm:" + task + ":*")) {
            assertThat(raw.ttl(key)).as(key).isPresent();
        }
        assertThat(coord.await(task, "coder-1-1", Duration.ofSeconds(5))).contains("complete");
    }

    @Test
    void a_java_agent_wakes_a_redis_cli_blpop() throws Exception {
        coord.signal(task, "coder-1-1", new Completion("complete", 0.9, Map.of("result", "ok")));

        String popped = shell("redis-cli BLPOP swarm:" + task + ":coder-1-1:done 5");

        assertThat(popped).isEqualTo("swarm:" + task + ":coder-1-1:done\ncomplete\n");
        assertThat(shell("redis-cli GET swarm:" + task + ":coder-1-1:confidence"))
                .isEqualTo("0.9\n");
    }

    @Test
    void the_documented_cleanup_removes_every_key_of_the_task() throws Exception {
        coord.signal(task, "coder-1-1", new Completion("complete", 0.8, Map.of("result", "ok")));
        coord.putContext(task, Map.of("task_description", "Add login"));
        coord.addAgentIds(task, Phase.LOOP3, 1, java.util.List.of("coder-1-1"));
        assertThat(raw.keys("swarm:" + task + ":*")).hasSize(5);

        shell("redis-cli --scan --pattern 'swarm:" + task + ":*' | xargs -r -n 100 redis-cli UNLINK");

        assertThat(raw.keys("swarm:" + task + ":*")).isEmpty();
    }

    private static String shell(String script) throws Exception {
        Process p = new ProcessBuilder("bash", "-c", script)
                .redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(out).isZero();
        return out;
    }
}
