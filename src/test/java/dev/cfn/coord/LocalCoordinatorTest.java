package dev.cfn.coord;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cfn.protocol.Decision;
import dev.cfn.redis.KeyScheme;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The contract on the in-process coordinator, plus TTL expiry driven by a test clock. */
class LocalCoordinatorTest extends CoordinatorContract {
    private final TestClock clock = new TestClock();
    private LocalCoordinator local;

    @Override
    protected Coordinator create() {
        local = new LocalCoordinator(clock);
        return local;
    }

    @Override
    protected KeyScheme keyScheme() {
        return KeyScheme.standard();
    }

    @Override
    protected List<String> rawKeys() {
        return local.keys();
    }

    @Override
    protected Optional<Duration> rawTtl(String key) {
        return local.ttl(key);
    }

    @Override
    protected void rawSet(String key, String value) {
        local.writeRaw(key, value);
    }

    @Override
    protected boolean someoneWaitsOn(String key) {
        return local.waitersOn(key) > 0;
    }

    @Test
    void a_confidence_expires_after_3600_seconds() {
        coord.putConfidence(TASK, "coder-1-1", 0.7);

        clock.advance(Duration.ofSeconds(3599));
        assertThat(coord.confidence(TASK, "coder-1-1")).isPresent();
        clock.advance(Duration.ofSeconds(1));
        assertThat(coord.confidence(TASK, "coder-1-1")).isEmpty();
    }

    @Test
    void a_heartbeat_expires_after_60_seconds_unless_renewed() {
        coord.heartbeat(TASK, "coder-1-1", "alive");
        coord.heartbeat(TASK, "coder-1-2", "alive");

        clock.advance(Duration.ofSeconds(45));
        coord.heartbeat(TASK, "coder-1-2", "alive");
        clock.advance(Duration.ofSeconds(15));

        assertThat(coord.expiredHeartbeats(TASK, List.of("coder-1-1", "coder-1-2")))
                .containsExactly("coder-1-1");
    }

    @Test
    void an_unconsumed_signal_expires_after_3600_seconds() {
        coord.signal(TASK, "coder-1-1", Completion.of("complete"));

        clock.advance(Duration.ofSeconds(3600));

        assertThat(coord.await(TASK, "coder-1-1", Duration.ofMillis(20))).isEmpty();
    }

    @Test
    void the_context_outlives_the_signals_and_expires_after_a_day() {
        coord.putContext(TASK, Map.of("task_description", "build it"));
        coord.putDecision(TASK, Decision.PROCEED);

        clock.advance(Duration.ofSeconds(3600));
        assertThat(coord.decision(TASK)).isEmpty();
        assertThat(coord.context(TASK)).containsKey("task_description");
        clock.advance(Duration.ofSeconds(86_400 - 3600));
        assertThat(coord.context(TASK)).isEmpty();
    }

    @Test
    void messages_expire_after_24_hours() {
        coord.appendMessage(TASK, "coder-1-1", "hello");

        clock.advance(Duration.ofHours(24));

        assertThat(coord.messages(TASK, "coder-1-1")).isEmpty();
    }

    @Test
    void expired_keys_are_dropped_from_memory() {
        writeEveryKind(TASK);

        clock.advance(Duration.ofDays(2));

        assertThat(local.keys()).isEmpty();
        assertThat(coord.stats().totalKeys()).isZero();
    }

    @Test
    void a_signal_hands_its_payload_to_the_longest_waiting_wait_first() throws Exception {
        var first = async(() -> coord.await(TASK, "a", LONG));
        org.awaitility.Awaitility.await().until(() -> local.waitersOn(keys.done(TASK, "a")) == 1);
        var second = async(() -> coord.await(TASK, "a", LONG));
        org.awaitility.Awaitility.await().until(() -> local.waitersOn(keys.done(TASK, "a")) == 2);

        coord.signal(TASK, "a", Completion.of("one"));

        assertThat(first.get()).contains("one");
        assertThat(second).isNotDone();
        coord.signal(TASK, "a", Completion.of("two"));
        assertThat(second.get()).contains("two");
    }
}
