package dev.cfn.coord;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link HeartbeatWatch} on real Redis servers: on the shared one, which lets cfn turn on expiry
 * notifications, and on a server of the test's own whose CONFIG command is disabled, where the
 * sweep alone finds a lost heartbeat. A heartbeat that keeps being renewed is never lost; one that
 * never was alive is not lost either (the agent has not started yet).
 */
class HeartbeatWatchIT {
    private static final String URL = "redis://127.0.0.1:6379";

    @TempDir
    Path tmp;

    private final String task = "hb-it-" + UUID.randomUUID().toString().substring(0, 8);

    @Test
    void expiry_notifications_tell_of_a_lost_heartbeat_and_a_renewed_one_stays() {
        try (RedisCoordinator redis = RedisCoordinator.create(URL);
                HeartbeatWatch watch = redis.watchHeartbeats(Duration.ofSeconds(30), Duration.ZERO)) {
            assertThat(watch.mode()).isEqualTo(HeartbeatWatch.NOTIFIED);
            watch.watch(task, "dies");
            watch.watch(task, "lives");
            watch.watch(task, "never-started");
            redis.heartbeat(task, "dies", "{}", Duration.ofMillis(300));
            redis.heartbeat(task, "lives", "{}", Duration.ofMillis(300));

            // The sweep runs every 30 s: only a notification can tell within the 10 s allowed here.
            await().atMost(Duration.ofSeconds(10))
                    .pollInterval(Duration.ofMillis(50))
                    .until(() -> {
                        redis.heartbeat(task, "lives", "{}", Duration.ofMillis(300));
                        return watch.lost(task, "dies");
                    });
            assertThat(watch.lost(task, "lives")).isFalse();
            assertThat(watch.lost(task, "never-started")).isFalse();
        } finally {
            try (RedisCoordinator redis = RedisCoordinator.create(URL)) {
                redis.cleanup(task);
            }
        }
    }

    @Test
    void a_server_refusing_config_leaves_the_sweep_which_still_finds_the_lost_heartbeat() throws Exception {
        assumeTrue(RedisServerProcess.installed(), "skipped: redis-server is not installed");
        try (RedisServerProcess server = new RedisServerProcess(tmp).start(List.of("--rename-command", "CONFIG", ""));
                RedisCoordinator redis = RedisCoordinator.create(server.url());
                HeartbeatWatch watch = redis.watchHeartbeats(Duration.ofMillis(100), Duration.ofMillis(200))) {
            assertThat(watch.mode()).isEqualTo(HeartbeatWatch.SWEPT);
            watch.watch(task, "dies");
            redis.heartbeat(task, "dies", "{}", Duration.ofMillis(600));
            await().atMost(Duration.ofSeconds(5))
                    .until(() -> !redis.expiredHeartbeats(task, List.of("dies")).isEmpty());

            await().atMost(Duration.ofSeconds(10)).until(() -> watch.lost(task, "dies"));
        }
    }

    @Test
    void a_heartbeat_taken_over_within_the_grace_is_not_lost() throws Exception {
        try (RedisCoordinator redis = RedisCoordinator.create(URL);
                HeartbeatWatch watch = redis.watchHeartbeats(Duration.ofMillis(50), Duration.ofSeconds(60))) {
            watch.watch(task, "moved");
            redis.heartbeat(task, "moved", "{}", Duration.ofMillis(200));
            await().atMost(Duration.ofSeconds(5))
                    .until(() ->
                            !redis.expiredHeartbeats(task, List.of("moved")).isEmpty());
            redis.heartbeat(task, "moved", "{\"worker\":\"other\"}", Duration.ofSeconds(5));

            await().during(Duration.ofMillis(500))
                    .atMost(Duration.ofSeconds(2))
                    .until(() -> !watch.lost(task, "moved"));
        } finally {
            try (RedisCoordinator redis = RedisCoordinator.create(URL)) {
                redis.cleanup(task);
            }
        }
    }
}
