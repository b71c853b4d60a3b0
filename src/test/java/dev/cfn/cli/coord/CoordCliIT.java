package dev.cfn.cli.coord;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.RedisClient;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanIterator;
import io.lettuce.core.api.StatefulRedisConnection;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code cfn coord ...} as separate processes on the shared Redis, the way shell-script agents
 * use it. Each test has a task id of its own, whose keys are removed afterwards.
 */
class CoordCliIT {
    private static final String REDIS = "redis://127.0.0.1:6379";
    private static RedisClient client;
    private static StatefulRedisConnection<String, String> raw;

    @TempDir
    Path dir;

    private Path home;
    private String task;

    @BeforeAll
    static void connect() {
        client = RedisClient.create(REDIS);
        raw = client.connect();
    }

    @AfterAll
    static void disconnect() {
        raw.close();
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    }

    @BeforeEach
    void names() {
        home = dir.resolve("home");
        task = "cli-it-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @AfterEach
    void removeKeys() {
        List<String> keys = keysOfTask();
        if (!keys.isEmpty()) {
            raw.sync().unlink(keys.toArray(String[]::new));
        }
    }

    @Test
    void a_wait_in_one_process_receives_the_signal_of_another() throws Exception {
        CfnProcess waiting = CfnProcess.start(
                home, "coord", "wait", "--task", task, "--agent", "coder-1-1", "--timeout", "30s", "--redis", REDIS);

        CfnProcess signal = CfnProcess.run(
                home,
                "coord",
                "signal",
                "--task",
                task,
                "--agent",
                "coder-1-1",
                "--confidence",
                "0.9",
                "--result",
                "{\"files\":3}",
                "--redis",
                REDIS);

        assertThat(signal.exitCode()).as(signal.stderr()).isZero();
        waiting.finish();
        assertThat(waiting.exitCode()).as(waiting.stderr()).isZero();
        assertThat(waiting.stdout()).isEqualTo("{\"files\":3}\n");
        assertThat(raw.sync().get("swarm:" + task + ":coder-1-1:confidence")).isEqualTo("0.9");
    }

    @Test
    void a_wait_that_times_out_exits_1_with_one_line() throws Exception {
        CfnProcess waiting = CfnProcess.run(
                home, "coord", "wait", "--task", task, "--agent", "coder-1-1", "--timeout", "300ms", "--redis", REDIS);

        assertThat(waiting.exitCode()).isEqualTo(1);
        assertThat(waiting.stdout()).isEmpty();
        assertThat(waiting.stderr())
                .isEqualTo("cfn: no signal from agent coder-1-1 of task " + task + " within 300ms (" + REDIS + ")\n");
    }

    @Test
    void a_result_over_one_mib_is_rejected_with_exit_2_and_nothing_is_written() throws Exception {
        Path args = dir.resolve("args.txt");
        Files.writeString(args, "--result [" + "1,".repeat(600_000) + "1]\n");

        CfnProcess signal = CfnProcess.run(
                home, "coord", "signal", "--task", task, "--agent", "coder-1-1", "--redis", REDIS, "@" + args);

        assertThat(signal.exitCode()).isEqualTo(2);
        assertThat(signal.stderr())
                .isEqualTo("cfn: --result must be at most 1 MiB (1048576 bytes), but was 1200003 bytes\n");
        assertThat(keysOfTask()).isEmpty();
    }

    @Test
    void an_invalid_task_id_is_rejected_with_exit_2() throws Exception {
        CfnProcess signal =
                CfnProcess.run(home, "coord", "signal", "--task", "a b", "--agent", "coder-1-1", "--redis", REDIS);

        assertThat(signal.exitCode()).isEqualTo(2);
        assertThat(signal.stderr()).isEqualTo("cfn: task id must match ^[a-zA-Z0-9_.:-]{1,128}$, but was 'a b'\n");
    }

    @Test
    void unreachable_redis_exits_1_with_one_line_naming_the_url_without_the_password() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }

        CfnProcess ping = CfnProcess.run(home, "coord", "ping", "--redis", "redis://:s3cret@127.0.0.1:" + closedPort);

        assertThat(ping.exitCode()).isEqualTo(1);
        assertThat(ping.stderr())
                .startsWith("cfn: Redis at redis://***@127.0.0.1:" + closedPort + " is unavailable: Connection refused")
                .doesNotContain("s3cret");
        assertThat(ping.stderr().lines()).hasSize(1);
    }

    @Test
    void stats_and_cleanup_see_the_keys_of_a_task() throws Exception {
        CfnProcess.run(
                home,
                "coord",
                "signal",
                "--task",
                task,
                "--agent",
                "coder-1-1",
                "--confidence",
                "0.5",
                "--redis",
                REDIS);

        CfnProcess stats = CfnProcess.run(home, "coord", "stats", "--json", "--redis", REDIS);
        CfnProcess cleanup = CfnProcess.run(home, "coord", "cleanup", task, "--json", "--redis", REDIS);

        assertThat(stats.exitCode()).as(stats.stderr()).isZero();
        assertThat(stats.stdout())
                .contains("\"kind\" : \"redis\"", "\"used_memory_bytes\"", "\"maxmemory_policy\"", "\"ops_per_sec\"")
                .contains("\"swarm:{task}:{agent}:done\"");
        assertThat(cleanup.stdout()).contains("\"keys_removed\" : 3");
        assertThat(keysOfTask()).isEmpty();
    }

    @Test
    void without_redis_the_signal_warns_that_no_other_process_can_see_it() throws Exception {
        CfnProcess signal = CfnProcess.run(home, "coord", "signal", "--task", task, "--agent", "coder-1-1");

        assertThat(signal.exitCode()).isZero();
        assertThat(signal.stderr()).contains("no --redis: the signal stays in this process");
    }

    private List<String> keysOfTask() {
        List<String> keys = new ArrayList<>();
        ScanIterator.scan(
                        raw.sync(),
                        ScanArgs.Builder.matches("swarm:" + task + ":*").limit(1000))
                .forEachRemaining(keys::add);
        return keys;
    }
}
