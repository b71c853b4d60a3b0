package dev.cfn.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LoopEventHubTest {
    private final LoopEventHub hub = new LoopEventHub();

    private static List<String> names(List<LoopEvent> events) {
        return events.stream().map(LoopEvent::name).toList();
    }

    @Test
    void a_late_subscriber_gets_the_history_then_only_later_events_each_once() {
        hub.on("run-started", Map.of("run_id", "r1", "task", "t"));
        hub.on("iteration-started", Map.of("run_id", "r1", "iteration", 1));
        var sub = hub.subscribe("r1");
        hub.on("gate", Map.of("run_id", "r1", "iteration", 1, "score", 0.9, "passed", true));
        hub.on("run-finished", Map.of("run_id", "r1", "status", "success"));

        assertThat(names(sub.history())).containsExactly("run-started", "iteration-started");
        assertThat(sub.finished()).isFalse();
        assertThat(sub.live()).extracting(LoopEvent::name).containsExactly("gate", "run-finished");
        assertThat(sub.live()).extracting(LoopEvent::seq).containsExactly(3L, 4L);
    }

    @Test
    void a_subscriber_to_a_finished_run_gets_all_of_it_and_no_queue_entry() {
        hub.on("run-started", Map.of("run_id", "r2", "task", "t"));
        hub.on("run-finished", Map.of("run_id", "r2", "status", "failed"));
        var sub = hub.subscribe("r2");
        assertThat(sub.finished()).isTrue();
        assertThat(names(sub.history())).containsExactly("run-started", "run-finished");
        hub.on("run-started", Map.of("run_id", "r2", "task", "never"));
        assertThat(sub.live()).isEmpty();
    }

    @Test
    void runs_it_never_saw_are_null_and_events_without_a_run_are_ignored() {
        hub.on("coordination-warning", Map.of("what", "signal", "error", "down"));
        assertThat(hub.subscribe("unknown")).isNull();
    }

    @Test
    void close_wakes_every_live_subscriber() {
        hub.on("run-started", Map.of("run_id", "r3", "task", "t"));
        var sub = hub.subscribe("r3");
        hub.close();
        assertThat(sub.live()).containsExactly(LoopEventHub.CLOSED);
    }

    @Test
    void only_the_newest_runs_are_kept() {
        for (int i = 0; i <= LoopEventHub.MAX_RUNS; i++) {
            hub.on("run-started", Map.of("run_id", "run-" + i, "task", "t"));
        }
        assertThat(hub.subscribe("run-0")).isNull();
        assertThat(hub.subscribe("run-" + LoopEventHub.MAX_RUNS)).isNotNull();
    }
}
