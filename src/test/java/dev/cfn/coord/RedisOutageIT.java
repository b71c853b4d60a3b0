package dev.cfn.coord;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.cfn.InvalidInputException;
import dev.cfn.RetriableException;
import dev.cfn.protocol.Decision;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Redis down, hung, restarted or refusing the password: each against a redis-server this test
 * starts on a free port, so the shared server is never disturbed.
 */
class RedisOutageIT {
    private static final String TASK = "task-1";

    @TempDir
    Path dir;

    private RedisServerProcess server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private Coordinator waiter;
    private Coordinator signaller;

    /** Loads Lettuce and Netty once, so timings below measure the failure, not class loading. */
    @BeforeAll
    static void warmUp() {
        RedisCoordinator.create(RawRedis.URL).close();
    }

    @BeforeEach
    void startServer() throws Exception {
        Assumptions.assumeTrue(RedisServerProcess.installed(), "redis-server is not installed: skipped");
        server = new RedisServerProcess(dir).start();
    }

    @AfterEach
    void stop() throws Exception {
        threads.shutdownNow();
        for (Coordinator c : new Coordinator[] {waiter, signaller}) {
            if (c != null) {
                c.close();
            }
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void unreachable_redis_fails_at_once_with_one_line_naming_the_url_without_password() {
        int closedPort = RedisServerProcess.freePort();
        long start = System.nanoTime();

        assertThatThrownBy(() -> RedisCoordinator.create("redis://:hunter2@127.0.0.1:" + closedPort))
                .isInstanceOf(RetriableException.class)
                .hasMessageStartingWith("Redis at redis://***@127.0.0.1:" + closedPort + " is unavailable: ")
                .hasMessageContaining("Connection refused")
                .hasMessageNotContaining("hunter2")
                .hasMessageNotContaining("\n");
        assertThat(elapsedMs(start)).isLessThan(2_000);
    }

    @Test
    void an_address_that_never_answers_fails_within_the_connect_timeout() {
        long start = System.nanoTime();

        assertThatThrownBy(() -> RedisCoordinator.create("redis://10.255.255.1:6379?timeout=500ms"))
                .isInstanceOf(RetriableException.class)
                .hasMessageStartingWith("Redis at redis://10.255.255.1:6379?timeout=500ms is unavailable: ")
                .hasMessageNotContaining("\n");
        assertThat(elapsedMs(start)).isLessThan(500 + 1_000);
    }

    @Test
    void a_command_fails_within_its_timeout_when_redis_hangs() throws Exception {
        waiter = RedisCoordinator.create(server.url() + "?timeout=500ms");
        server.suspend();
        long start = System.nanoTime();

        assertThatThrownBy(() -> waiter.putContext(TASK, Map.of("a", "b")))
                .isInstanceOf(RetriableException.class)
                .hasMessage("Redis at redis://***@127.0.0.1:" + server.port()
                        + "?timeout=500ms did not answer within 500ms (the command timeout)");
        assertThat(elapsedMs(start)).isBetween(400L, 1_500L);
    }

    @Test
    void a_wait_ends_at_its_timeout_when_the_server_dies_during_it() throws Exception {
        waiter = RedisCoordinator.create(server.url());
        long start = System.nanoTime();
        CompletableFuture<Optional<String>> waiting = waitFor(Duration.ofSeconds(3));
        awaitBlockedClient();

        server.kill();

        assertThat(waiting.get(10, TimeUnit.SECONDS)).isEmpty();
        assertThat(elapsedMs(start)).isBetween(2_900L, 3_000L + 1_000L);
    }

    @Test
    void a_wait_ends_at_its_timeout_when_the_server_hangs_during_it() throws Exception {
        waiter = RedisCoordinator.create(server.url());
        long start = System.nanoTime();
        CompletableFuture<Optional<String>> waiting = waitFor(Duration.ofSeconds(2));
        awaitBlockedClient();

        server.suspend();

        assertThat(waiting.get(10, TimeUnit.SECONDS)).isEmpty();
        assertThat(elapsedMs(start)).isBetween(1_900L, 2_000L + 1_000L);
    }

    @Test
    void a_wait_survives_a_redis_restart_and_receives_a_signal_sent_after_it() throws Exception {
        waiter = RedisCoordinator.create(server.url());
        CompletableFuture<Optional<String>> waiting = waitFor(Duration.ofSeconds(30));
        awaitBlockedClient();

        server.kill();
        server.start();
        assertThat(waiting).isNotDone();
        signaller = RedisCoordinator.create(server.url());
        signaller.signal(TASK, "coder-1-1", Completion.of("after-restart"));

        assertThat(waiting.get(20, TimeUnit.SECONDS)).contains("after-restart");
        await().atMost(Duration.ofSeconds(10)).ignoreExceptions().untilAsserted(() -> {
            waiter.putDecision(TASK, Decision.PROCEED);
            assertThat(waiter.decision(TASK)).contains(Decision.PROCEED);
        });
    }

    @Test
    void a_wrong_password_is_invalid_input_naming_the_url_without_it() {
        String url = "redis://:wrong-pw@127.0.0.1:" + server.port();

        assertThatThrownBy(() -> RedisCoordinator.create(url))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith(
                        "Redis at redis://***@127.0.0.1:" + server.port() + " rejected the credentials: ")
                .hasMessageNotContaining("wrong-pw");
    }

    @Test
    void a_malformed_url_is_invalid_input() {
        assertThatThrownBy(() -> RedisCoordinator.create("http://127.0.0.1:" + server.port()))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("--redis http://127.0.0.1:" + server.port() + " is not a valid Redis URL");
    }

    private CompletableFuture<Optional<String>> waitFor(Duration timeout) {
        return CompletableFuture.supplyAsync(() -> waiter.await(TASK, "coder-1-1", timeout), threads);
    }

    private void awaitBlockedClient() {
        try (RawRedis raw = new RawRedis(server.url())) {
            await().atMost(Duration.ofSeconds(5)).until(() -> raw.blockedClients() > 0);
        }
    }

    private static long elapsedMs(long startNanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
    }
}
