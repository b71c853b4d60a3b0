package dev.cfn.cli.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cfn.coord.RedisStreamWorkQueue;
import dev.cfn.testing.Cfn;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code cfn worker} as a real child process: bad flags, Redis down, heartbeats in coord stats, SIGTERM. */
class WorkerCliIT {
    static final String URL = "redis://127.0.0.1:6379";

    @TempDir
    Path tmp;

    private String queue;
    private final List<Process> started = new ArrayList<>();

    @BeforeEach
    void name() {
        queue = "it-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @AfterEach
    void cleanUp() throws Exception {
        for (Process p : started) {
            p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        try (RedisStreamWorkQueue q = RedisStreamWorkQueue.create(URL, queue)) {
            q.purge();
        }
    }

    private Cfn cfn(String name) {
        return new Cfn(tmp.resolve(name), tmp.resolve("scratch-" + name));
    }

    @Test
    void a_worker_without_a_redis_url_exits_2_naming_the_option() {
        assertThat(cfn("a").run("worker").fails(2))
                .isEqualTo("cfn: cfn worker needs --redis URL (or env CFN_REDIS_URL): the work queue lives on Redis");
        assertThat(cfn("a").run("loop", "run", "x", "--workdir", tmp.toString(), "--distributed")
                        .fails(2))
                .contains("--distributed needs --redis URL");
    }

    @Test
    void bad_flags_exit_2_before_anything_connects() {
        assertThat(cfn("a").run("worker", "--concurrency", "0", "--redis", URL).fails(2))
                .isEqualTo("cfn: --concurrency must be at least 1, but was 0");
        assertThat(cfn("a").run("worker", "--lease", "10ms", "--redis", URL).fails(2))
                .isEqualTo("cfn: --lease must be at least 300ms, but was 10ms");
        assertThat(cfn("a").run("worker", "--queue", "a:b", "--redis", URL).fails(2))
                .isEqualTo("cfn: --queue must match ^[a-zA-Z0-9_.-]{1,64}$, but was 'a:b'");
        assertThat(cfn("a").run("worker", "--types", "ok,bad*", "--redis", URL).fails(2))
                .startsWith("cfn: --types entry must match");
    }

    @Test
    void a_worker_whose_redis_is_down_exits_1_with_one_line() {
        assertThat(cfn("a").run("worker", "--redis", "redis://127.0.0.1:1").fails(1))
                .startsWith("cfn: Redis at redis://127.0.0.1:1 is unavailable");
    }

    @Test
    void a_killed_worker_is_listed_dead_once_its_heartbeat_expires_and_a_stopped_one_is_gone() throws Exception {
        Process killed = startWorker(cfn("w1"), "killed");
        Process stopped = startWorker(cfn("w2"), "stopped");
        await().atMost(Duration.ofSeconds(60))
                .until(() ->
                        statusOf("killed").equals("live") && statusOf("stopped").equals("live"));

        killed.destroyForcibly().waitFor();
        await().atMost(Duration.ofSeconds(20)).until(() -> statusOf("killed").equals("dead"));

        stopped.destroy(); // SIGTERM
        assertThat(stopped.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(stopped.exitValue()).isZero();
        assertThat(statusOf("stopped")).isEqualTo("absent");
        String human = cfn("a").run("coord", "stats", "--redis", URL).ok().stdout();
        assertThat(human).containsPattern("DEAD +" + queue + "-killed +queue " + queue);
    }

    @Test
    void the_bench_runs_real_workers_and_prints_a_row_per_worker_count_leaving_no_keys() throws Exception {
        JsonNode doc = cfn("a").run("worker", "bench", "--tasks", "10", "--workers", "1,2", "--json", "--redis", URL)
                .ok()
                .json();

        assertThat(doc.get("rows")).hasSize(2);
        assertThat(doc.get("rows").get(0).get("workers").asInt()).isEqualTo(1);
        assertThat(doc.get("rows").get(1).get("workers").asInt()).isEqualTo(2);
        for (JsonNode row : doc.get("rows")) {
            assertThat(row.get("tasks").asInt()).isEqualTo(10);
            assertThat(row.get("tasks_per_sec").asDouble()).isPositive();
        }
        assertThat(doc.get("rows").get(0).get("ratio_to_first").asDouble()).isEqualTo(1.0);
        try (RedisStreamWorkQueue q = RedisStreamWorkQueue.create(URL, queue)) {
            assertThat(q.workers())
                    .as("the bench's workers stopped cleanly and its queues were purged")
                    .noneMatch(w -> w.queue().startsWith("bench-"));
        }
        assertThat(cfn("a").run("worker", "bench", "--workers", "0", "--redis", URL)
                        .fails(2))
                .isEqualTo("cfn: --workers takes counts from 1 to 64, but had '0'");
    }

    private Process startWorker(Cfn cfn, String id) {
        Process p = cfn.startWithHome(
                        "worker", "--redis", URL, "--queue", queue, "--id", queue + "-" + id, "--lease", "1s")
                .process();
        started.add(p);
        return p;
    }

    /** live, dead or absent, as {@code cfn coord stats --json} lists the worker. */
    private String statusOf(String id) {
        JsonNode doc =
                cfn("a").run("coord", "stats", "--json", "--redis", URL).ok().json();
        for (JsonNode w : doc.get("workers")) {
            if (w.get("id").asText().equals(queue + "-" + id)) {
                assertThat(w.get("queue").asText()).isEqualTo(queue);
                return w.get("status").asText();
            }
        }
        return "absent";
    }

    static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file) : "";
        } catch (java.io.IOException e) {
            return "";
        }
    }
}
