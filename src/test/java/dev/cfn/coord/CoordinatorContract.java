package dev.cfn.coord;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.cfn.InvalidInputException;
import dev.cfn.protocol.Decision;
import dev.cfn.protocol.Phase;
import dev.cfn.redis.KeyScheme;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link Coordinator} must have, run against each implementation. Subclasses
 * give a fresh coordinator per test, isolated from other tests, and a raw view of its keys.
 */
abstract class CoordinatorContract {
    static final String TASK = "task-1";
    static final Duration LONG = Duration.ofSeconds(20);

    protected Coordinator coord;
    protected KeyScheme keys;

    /** A fresh coordinator whose keys no other test sees. */
    protected abstract Coordinator create();

    /** The scheme {@link #create} used. */
    protected abstract KeyScheme keyScheme();

    /** Every live key of this test's coordinator. */
    protected abstract List<String> rawKeys();

    /** The remaining TTL of a key; empty when the key does not exist or has none. */
    protected abstract Optional<Duration> rawTtl(String key);

    /** Writes a string value as a foreign agent with plain commands would. */
    protected abstract void rawSet(String key, String value);

    /** True once some wait is blocked on the key (best effort where it cannot be observed). */
    protected abstract boolean someoneWaitsOn(String key);

    private final ExecutorService threads = Executors.newCachedThreadPool();

    /** Runs on a thread of its own (the common pool may have a single thread on small machines). */
    protected <T> CompletableFuture<T> async(Supplier<T> work) {
        return CompletableFuture.supplyAsync(work, threads);
    }

    @BeforeEach
    void open() {
        coord = create();
        keys = keyScheme();
    }

    @AfterEach
    void closeCoordinator() {
        coord.close();
        threads.shutdownNow();
    }

    @Test
    void a_signal_is_received_by_the_wait_and_consumed() {
        coord.signal(TASK, "coder-1-1", Completion.of("complete"));

        assertThat(coord.await(TASK, "coder-1-1", LONG)).contains("complete");
        assertThat(coord.await(TASK, "coder-1-1", Duration.ofMillis(50))).isEmpty();
        assertThat(rawKeys()).doesNotContain(keys.done(TASK, "coder-1-1"));
    }

    @Test
    void a_wait_returns_empty_at_its_timeout_and_not_before() {
        long start = System.nanoTime();

        Optional<String> payload = coord.await(TASK, "coder-1-1", Duration.ofMillis(300));

        long elapsedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertThat(payload).isEmpty();
        assertThat(elapsedMs).isBetween(290L, 300L + 2_000L);
    }

    @Test
    void a_blocked_wait_wakes_when_the_signal_arrives() throws Exception {
        CompletableFuture<Optional<String>> waiting = async(() -> coord.await(TASK, "coder-1-1", LONG));
        await().atMost(Duration.ofSeconds(5)).until(() -> someoneWaitsOn(keys.done(TASK, "coder-1-1")));

        coord.signal(TASK, "coder-1-1", Completion.of("{\"files\":2}"));

        assertThat(waiting.get(10, TimeUnit.SECONDS)).contains("{\"files\":2}");
    }

    @Test
    void a_blocked_wait_does_not_stall_other_commands() throws Exception {
        CompletableFuture<Optional<String>> waiting = async(() -> coord.await(TASK, "coder-1-1", LONG));
        await().atMost(Duration.ofSeconds(5)).until(() -> someoneWaitsOn(keys.done(TASK, "coder-1-1")));

        coord.putContext(TASK, Map.of("phase", "loop3"));

        assertThat(coord.context(TASK)).containsEntry("phase", "loop3");
        assertThat(waiting).isNotDone();
        coord.signal(TASK, "coder-1-1", Completion.of("complete"));
        assertThat(waiting.get(10, TimeUnit.SECONDS)).contains("complete");
    }

    @Test
    void waiting_on_a_set_reports_what_arrived_and_what_timed_out() {
        coord.signal(TASK, "a1", Completion.of("p1"));
        coord.signal(TASK, "a2", Completion.of("p2"));

        WaitResult result = coord.awaitSignals(TASK, List.of("a1", "a2", "a3"), 3, Duration.ofMillis(300));

        assertThat(result.timedOut()).isTrue();
        assertThat(result.arrived()).isEqualTo(Map.of("a1", "p1", "a2", "p2"));
        assertThat(result.missing()).containsExactly("a3");
    }

    @Test
    void waiting_for_n_of_a_set_returns_once_n_arrived_and_leaves_the_other_signals() {
        coord.signal(TASK, "a1", Completion.of("p1"));
        coord.signal(TASK, "a2", Completion.of("p2"));
        coord.signal(TASK, "a3", Completion.of("p3"));

        WaitResult result = coord.awaitSignals(TASK, List.of("a1", "a2", "a3"), 2, LONG);

        assertThat(result.timedOut()).isFalse();
        assertThat(result.arrived()).hasSize(2);
        String left = result.missing().iterator().next();
        assertThat(coord.await(TASK, left, LONG)).isPresent();
    }

    @Test
    void a_wait_on_many_agents_wakes_as_their_signals_arrive() throws Exception {
        List<String> agents = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            agents.add("coder-1-" + i);
        }
        CompletableFuture<WaitResult> waiting = async(() -> coord.awaitSignals(TASK, agents, agents.size(), LONG));

        agents.forEach(agent -> coord.signal(TASK, agent, Completion.of("done-" + agent)));

        WaitResult result = waiting.get(15, TimeUnit.SECONDS);
        assertThat(result.timedOut()).isFalse();
        assertThat(result.arrived()).hasSize(50).containsEntry("coder-1-7", "done-coder-1-7");
        assertThat(result.missing()).isEmpty();
    }

    @Test
    void a_signal_writes_confidence_and_result_before_the_payload() {
        coord.signal(TASK, "coder-1-1", new Completion("complete", 0.85, Map.of("result", "{\"ok\":true}")));

        assertThat(coord.confidence(TASK, "coder-1-1")).isEqualTo(OptionalDouble.of(0.85));
        assertThat(coord.result(TASK, "coder-1-1")).isEqualTo(Map.of("result", "{\"ok\":true}"));
        assertThat(coord.await(TASK, "coder-1-1", LONG)).contains("complete");
    }

    @Test
    void context_fields_are_merged_and_read_back() {
        assertThat(coord.context(TASK)).isEmpty();

        coord.putContext(TASK, Map.of("a", "1", "b", "2"));
        coord.putContext(TASK, Map.of("b", "3", "c", "4"));

        assertThat(coord.context(TASK)).isEqualTo(Map.of("a", "1", "b", "3", "c", "4"));
    }

    @Test
    void result_confidence_and_decision_round_trip() {
        coord.putResult(TASK, "reviewer-1-1", Map.of("score", "0.9"));
        coord.putConfidence(TASK, "reviewer-1-1", 0.9);
        coord.putDecision(TASK, Decision.ITERATE);

        assertThat(coord.result(TASK, "reviewer-1-1")).isEqualTo(Map.of("score", "0.9"));
        assertThat(coord.confidence(TASK, "reviewer-1-1")).isEqualTo(OptionalDouble.of(0.9));
        assertThat(coord.decision(TASK)).contains(Decision.ITERATE);
        assertThat(coord.decision("task-2")).isEmpty();
        assertThat(coord.confidence(TASK, "nobody")).isEmpty();
    }

    @Test
    void agent_ids_are_kept_per_loop_and_iteration() {
        coord.addAgentIds(TASK, Phase.LOOP3, 1, List.of("coder-1-1", "coder-1-2"));
        coord.addAgentIds(TASK, Phase.LOOP3, 1, List.of("coder-1-3"));
        coord.addAgentIds(TASK, Phase.LOOP3, 2, List.of("coder-2-1"));
        coord.addAgentIds(TASK, Phase.LOOP2, 1, List.of("reviewer-1-1"));

        assertThat(coord.agentIds(TASK, Phase.LOOP3, 1))
                .containsExactlyInAnyOrder("coder-1-1", "coder-1-2", "coder-1-3");
        assertThat(coord.agentIds(TASK, Phase.LOOP3, 2)).containsExactly("coder-2-1");
        assertThat(coord.agentIds(TASK, Phase.LOOP2, 1)).containsExactly("reviewer-1-1");
        assertThat(coord.agentIds(TASK, Phase.LOOP2, 2)).isEmpty();
    }

    @Test
    void agents_without_a_live_heartbeat_are_reported() {
        coord.heartbeat(TASK, "coder-1-1", "{\"status\":\"working\"}");

        assertThat(coord.expiredHeartbeats(TASK, List.of("coder-1-1", "coder-1-2", "coder-1-3")))
                .containsExactly("coder-1-2", "coder-1-3");
    }

    @Test
    void the_message_list_keeps_the_newest_100() {
        for (int i = 0; i < 105; i++) {
            coord.appendMessage(TASK, "coder-1-1", "m" + i);
        }

        List<String> messages = coord.messages(TASK, "coder-1-1");

        assertThat(messages).hasSize(KeyScheme.MAX_MESSAGES);
        assertThat(messages.get(0)).isEqualTo("m5");
        assertThat(messages.get(99)).isEqualTo("m104");
    }

    @Test
    void every_key_has_the_ttl_of_the_catalogue() {
        writeEveryKind(TASK);

        Set<KeyScheme.Kind> seen = EnumSet.noneOf(KeyScheme.Kind.class);
        for (String key : rawKeys()) {
            KeyScheme.Kind kind = keys.kindOf(key);
            seen.add(kind);
            assertThat(rawTtl(key))
                    .as("TTL of %s", key)
                    .hasValueSatisfying(ttl -> assertThat(ttl).isPositive().isLessThanOrEqualTo(kind.ttl()));
            assertThat(rawTtl(key).orElseThrow()).isGreaterThan(kind.ttl().minusSeconds(30));
        }
        assertThat(seen)
                .containsExactlyInAnyOrder(
                        KeyScheme.Kind.DONE,
                        KeyScheme.Kind.CONFIDENCE,
                        KeyScheme.Kind.RESULT,
                        KeyScheme.Kind.HEARTBEAT,
                        KeyScheme.Kind.MESSAGES,
                        KeyScheme.Kind.DECISION,
                        KeyScheme.Kind.CONTEXT,
                        KeyScheme.Kind.AGENT_IDS);
    }

    @Test
    void cleanup_removes_every_key_of_the_task_and_nothing_else() {
        writeEveryKind(TASK);
        coord.putDecision("other-task", Decision.PROCEED);
        int before = rawKeys().size();

        long removed = coord.cleanup(TASK);

        assertThat(removed).isEqualTo(before - 1);
        assertThat(rawKeys()).containsExactly(keys.decision("other-task"));
        assertThat(coord.cleanup(TASK)).isZero();
    }

    @Test
    void stats_count_keys_by_kind() {
        writeEveryKind(TASK);

        CoordStats stats = coord.stats();

        assertThat(stats.keysByKind())
                .containsEntry(KeyScheme.Kind.DONE.template(), 1L)
                .containsEntry(KeyScheme.Kind.CONTEXT.template(), 1L)
                .containsEntry(KeyScheme.Kind.AGENT_IDS.template(), 2L);
        assertThat(stats.totalKeys()).isEqualTo(rawKeys().size());
        assertThat(stats.warning()).isEmpty();
    }

    @Test
    void an_invalid_task_id_is_rejected_and_nothing_is_written() {
        assertThatThrownBy(() -> coord.signal("bad task", "coder-1-1", Completion.of("complete")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("task id must match ^[a-zA-Z0-9_.:-]{1,128}$, but was 'bad task'");
        assertThatThrownBy(() -> coord.putContext("x".repeat(129), Map.of("a", "b")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("task id must match");
        assertThatThrownBy(() -> coord.awaitSignals("t*", List.of("a"), 1, LONG))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("task id must match ^[a-zA-Z0-9_.:-]{1,128}$, but was 't*'");
        assertThat(rawKeys()).isEmpty();
    }

    @Test
    void an_invalid_agent_id_is_rejected_and_nothing_is_written() {
        assertThatThrownBy(() -> coord.addAgentIds(TASK, Phase.LOOP3, 1, List.of("ok-1", "not/ok")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("agent id must match ^[a-zA-Z0-9_.:-]{1,128}$, but was 'not/ok'");
        assertThatThrownBy(() -> coord.heartbeat(TASK, "", "alive"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("agent id must match ^[a-zA-Z0-9_.:-]{1,128}$, but was ''");
        assertThat(rawKeys()).isEmpty();
    }

    @Test
    void payloads_over_one_mib_are_rejected_and_nothing_is_written() {
        String tooBig = "x".repeat(Payloads.MAX_BYTES + 1);

        assertThatThrownBy(() -> coord.appendMessage(TASK, "coder-1-1", tooBig))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("message for agent coder-1-1 must be at most 1 MiB (1048576 bytes), but was 1048577 bytes");
        assertThatThrownBy(() -> coord.putContext(TASK, Map.of("big", tooBig)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("context of task task-1 must be at most 1 MiB (1048576 bytes), but was 1048580 bytes");
        assertThatThrownBy(() -> coord.putConfidence(TASK, "coder-1-1", 1.5))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("confidence must be from 0.0 to 1.0, but was 1.5");
        assertThat(rawKeys()).isEmpty();
    }

    @Test
    void a_payload_of_exactly_one_mib_is_accepted() {
        String largest = "x".repeat(Payloads.MAX_BYTES);

        coord.signal(TASK, "coder-1-1", Completion.of(largest));

        assertThat(coord.await(TASK, "coder-1-1", LONG)).contains(largest);
    }

    @Test
    void a_value_that_is_not_a_confidence_is_reported_with_its_key() {
        rawSet(keys.confidence(TASK, "coder-1-1"), "high");
        rawSet(keys.decision(TASK), "MAYBE");

        assertThatThrownBy(() -> coord.confidence(TASK, "coder-1-1"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage(keys.confidence(TASK, "coder-1-1") + " must hold a number from 0.0 to 1.0, but was 'high'");
        assertThatThrownBy(() -> coord.decision(TASK))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage(keys.decision(TASK) + " must hold PROCEED, ITERATE or ABORT, but was 'MAYBE'");
    }

    @Test
    void a_key_holding_another_type_is_invalid_input() {
        rawSet(keys.done(TASK, "coder-1-1"), "a string, not a list");

        assertThatThrownBy(() -> coord.await(TASK, "coder-1-1", LONG))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("WRONGTYPE");
    }

    @Test
    void closing_ends_a_wait_in_progress() throws Exception {
        CompletableFuture<Optional<String>> waiting = async(() -> coord.await(TASK, "coder-1-1", LONG));
        await().atMost(Duration.ofSeconds(5)).until(() -> someoneWaitsOn(keys.done(TASK, "coder-1-1")));

        coord.close();

        assertThat(waiting.get(5, TimeUnit.SECONDS)).isEmpty();
    }

    @Test
    void ping_answers() {
        assertThat(coord.ping()).isGreaterThanOrEqualTo(Duration.ZERO).isLessThan(Duration.ofSeconds(2));
    }

    /** One key of each kind the coordinator writes (done stays unconsumed). */
    void writeEveryKind(String task) {
        coord.signal(task, "coder-1-1", new Completion("complete", 0.8, Map.of("result", "ok")));
        coord.heartbeat(task, "coder-1-1", "alive");
        coord.appendMessage(task, "coder-1-1", "hello");
        coord.putDecision(task, Decision.PROCEED);
        coord.putContext(task, Map.of("task_description", "build it"));
        coord.addAgentIds(task, Phase.LOOP3, 1, List.of("coder-1-1"));
        coord.addAgentIds(task, Phase.LOOP2, 1, List.of("reviewer-1-1"));
    }
}
