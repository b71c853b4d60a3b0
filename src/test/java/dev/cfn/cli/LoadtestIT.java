package dev.cfn.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lettuce.core.RedisClient;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanIterator;
import io.lettuce.core.api.StatefulRedisConnection;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code cfn loadtest} as a real child process: real agent processes, the real coordinator (in
 * process, and on the shared Redis), a JSON report whose figures hang together, and nothing left
 * behind (no agent process carrying the run's marker, no key of the run's task).
 */
class LoadtestIT {
    private static final String REDIS = "redis://127.0.0.1:6379";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void five_agents_for_two_seconds_report_samples_and_percentiles_and_leave_nothing_behind() throws Exception {
        CfnProcess cfn =
                CfnProcess.start(dir, "--home", home(), "loadtest", "--agents", "5", "--duration", "2", "--json");
        CfnProcess.Result result = cfn.await();

        JsonNode doc = report(result);
        assertThat(doc.path("runtime").asText()).isEqualTo("process");
        assertThat(doc.path("coordinator").asText()).isEqualTo("in-process");
        assertHealthyRun(doc, 2);
        assertThat(leftovers(cfn.pid())).isEmpty();
    }

    @Test
    void the_warm_runtime_dispatches_to_the_warm_pool_and_ends_its_processes() throws Exception {
        CfnProcess cfn = CfnProcess.start(
                dir, "--home", home(), "loadtest", "--agents", "5", "--duration", "2", "--runtime", "warm", "--json");
        CfnProcess.Result result = cfn.await();

        JsonNode doc = report(result);
        assertThat(doc.path("runtime").asText()).isEqualTo("warm");
        assertThat(doc.path("agent").asText()).isEqualTo("loadtest-instant-warm");
        assertHealthyRun(doc, 2);
        assertThat(leftovers(cfn.pid())).isEmpty();
    }

    @Test
    void on_redis_the_run_leaves_no_key_of_its_task() throws Exception {
        CfnProcess cfn = CfnProcess.start(
                dir, "--home", home(), "loadtest", "--agents", "5", "--duration", "2", "--redis", REDIS, "--json");
        CfnProcess.Result result = cfn.await();

        JsonNode doc = report(result);
        assertThat(doc.path("coordinator").asText()).isEqualTo(REDIS);
        assertHealthyRun(doc, 2);
        assertThat(doc.path("summary").path("keys_removed").asLong()).isPositive();
        assertThat(keysOf(doc.path("task").asText())).isEmpty();
        assertThat(leftovers(cfn.pid())).isEmpty();
    }

    @Test
    void an_interrupted_run_still_prints_the_summary_of_what_ran() throws Exception {
        CfnProcess cfn = CfnProcess.start(dir, "--home", home(), "loadtest", "--agents", "3", "--duration", "600");
        await().atMost(Duration.ofMinutes(1)).until(() -> cfn.describe().contains("spawns/s"));

        cfn.terminate(); // SIGTERM takes the same path as Ctrl-C's SIGINT: the JVM's shutdown hooks
        CfnProcess.Result result = cfn.await();

        assertThat(result.exit()).as(result.err()).isEqualTo(128 + 15);
        assertThat(result.out())
                .contains("loadtest: 3 agents for 600 s, runtime process")
                .containsPattern("elapsed +[0-9.]+ s \\(interrupted\\)")
                .containsPattern("total spawns +[1-9]")
                .contains("verdict");
        assertThat(leftovers(cfn.pid())).isEmpty();
    }

    @Test
    void a_failing_agent_makes_the_run_unhealthy_with_exit_1_and_one_line_why() throws Exception {
        Path agents = Files.createDirectories(dir.resolve("agents"));
        Files.writeString(
                agents.resolve("broken.md"),
                "---\nname: broken\ndescription: always fails\ncommand: [\"/bin/sh\", \"-c\", \"echo nope >&2; exit 3\"]\n---\n");

        CfnProcess cfn = CfnProcess.start(
                dir,
                "--home",
                home(),
                "loadtest",
                "--agents",
                "2",
                "--duration",
                "1",
                "--agents-dir",
                agents.toString(),
                "--agent",
                "broken",
                "--json");
        CfnProcess.Result result = cfn.await();

        assertThat(result.exit()).isEqualTo(1);
        assertThat(result.err())
                .hasLineCount(1)
                .containsPattern(
                        "^cfn: loadtest unhealthy: [1-9][0-9]* of [1-9][0-9]* rounds failed \\(e.g. failure: exited with code 3: nope\\)");
        JsonNode doc = JSON.readTree(result.out());
        assertThat(doc.path("healthy").asBoolean()).isFalse();
        assertThat(doc.path("summary").path("failures").asLong()).isPositive();
        assertThat(leftovers(cfn.pid())).isEmpty();
    }

    private String home() {
        return dir.resolve("home").toString();
    }

    private static JsonNode report(CfnProcess.Result result) throws IOException {
        assertThat(result.exit()).as(result.err()).isZero();
        assertThat(result.err()).as("no progress lines with --json").isEmpty();
        return JSON.readTree(result.out());
    }

    /** The figures hang together; no timing is asserted, only counts and order. */
    private static void assertHealthyRun(JsonNode doc, int seconds) {
        JsonNode summary = doc.path("summary");
        assertThat(doc.path("healthy").asBoolean()).as(doc.toString()).isTrue();
        assertThat(doc.path("duration_s").asInt()).isEqualTo(seconds);
        assertThat(doc.path("samples")).hasSize(seconds);
        List<Integer> numbers = new ArrayList<>();
        doc.path("samples").forEach(s -> numbers.add(s.path("second").asInt()));
        assertThat(numbers)
                .containsExactly(java.util.stream.IntStream.rangeClosed(1, seconds)
                        .boxed()
                        .toArray(Integer[]::new));
        assertThat(summary.path("spawns").asLong()).isPositive();
        assertThat(summary.path("rounds").asLong())
                .isEqualTo(summary.path("spawns").asLong());
        assertThat(summary.path("failures").asLong()).isZero();
        assertThat(summary.path("spawn_p50_ms").asDouble())
                .isPositive()
                .isLessThanOrEqualTo(summary.path("spawn_p99_ms").asDouble());
        assertThat(summary.path("round_trip_p50_ms").asDouble())
                .isPositive()
                .isLessThanOrEqualTo(summary.path("round_trip_p99_ms").asDouble());
        assertThat(summary.path("peak_running").asInt()).isBetween(1, 5);
        assertThat(summary.path("peak_heap_bytes").asLong()).isPositive();
        long sampled = 0;
        for (JsonNode s : doc.path("samples")) {
            sampled += s.path("spawns").asLong();
        }
        assertThat(sampled).isLessThanOrEqualTo(summary.path("spawns").asLong());
    }

    /** Live processes carrying the agent marker handed out by the cfn process {@code pid}. */
    private static List<Long> leftovers(long pid) {
        String marker = "\0CFN_AGENT_RUN=" + pid + "-";
        return ProcessHandle.allProcesses()
                .filter(p -> environ(p.pid()).contains(marker))
                .map(ProcessHandle::pid)
                .toList();
    }

    private static String environ(long pid) {
        try {
            return "\0"
                    + new String(
                            Files.readAllBytes(Path.of("/proc", Long.toString(pid), "environ")),
                            StandardCharsets.ISO_8859_1);
        } catch (IOException | SecurityException e) {
            return "";
        }
    }

    private static List<String> keysOf(String task) {
        RedisClient client = RedisClient.create(REDIS);
        try (StatefulRedisConnection<String, String> redis = client.connect()) {
            List<String> keys = new ArrayList<>();
            ScanIterator.scan(
                            redis.sync(),
                            ScanArgs.Builder.matches("swarm:" + task + ":*").limit(500))
                    .forEachRemaining(keys::add);
            return keys;
        } finally {
            client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        }
    }
}
