package dev.cfn.coord;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The work-queue recipes of docs/coordination-protocol.md ("Inspect a queue with plain
 * commands"), run with redis-cli against a queue that {@link RedisStreamWorkQueue} filled.
 */
class QueueProtocolIT {
    private RedisStreamWorkQueue queue;

    @BeforeEach
    void open() throws Exception {
        Assumptions.assumeTrue(shell("redis-cli --version").startsWith("redis-cli"), "redis-cli is not installed");
        queue = RedisStreamWorkQueue.create(
                RawRedis.URL, "doc-" + UUID.randomUUID().toString().substring(0, 8));
    }

    @AfterEach
    void close() {
        if (queue != null) {
            queue.purge();
            queue.close();
        }
    }

    @Test
    void the_documented_commands_show_entries_pending_entries_workers_and_results() throws Exception {
        IdempotencyKey key = new IdempotencyKey("run-1", 1, "coder-1-1");
        queue.enqueue(new WorkItem("coder", key, "{}"));
        queue.enqueue(new WorkItem("coder", new IdempotencyKey("run-1", 1, "coder-1-2"), "{}"));
        queue.take("host-a-4242", List.of("coder"), 1, Duration.ofSeconds(30), Duration.ofMillis(100));
        queue.heartbeat(
                new WorkerStatus(queue.name(), "host-a-4242", "host-a", 4242, 4, List.of(), 1, 0, 1, 1, true),
                Duration.ofSeconds(30));
        queue.putResult(key, "{\"confidence\":0.9}");
        String q = "queue:" + queue.name();

        assertThat(shell("redis-cli XLEN " + q + ":agents:coder")).isEqualTo("2\n");
        assertThat(shell("redis-cli XPENDING " + q + ":agents:coder cfn-workers"))
                .startsWith("1\n")
                .contains("host-a-4242\n1\n");
        assertThat(shell("redis-cli XINFO CONSUMERS " + q + ":agents:coder cfn-workers"))
                .contains("name\nhost-a-4242\npending\n1\n");
        assertThat(shell("redis-cli HGETALL " + q + ":workers")).startsWith("host-a-4242\n{");
        assertThat(shell("redis-cli EXISTS " + q + ":worker:host-a-4242:heartbeat"))
                .isEqualTo("1\n");
        assertThat(shell("redis-cli GET " + q + ":result:run-1:1:coder-1-1")).isEqualTo("{\"confidence\":0.9}\n");
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
