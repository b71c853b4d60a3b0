package dev.cfn.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cfn.loop.LoopEvent;
import dev.cfn.loop.RunStatus;
import java.util.List;
import org.junit.jupiter.api.Test;

class LoopEventHubTest {
    private final LoopEventHub hub = new LoopEventHub();

    private static List<String> names(List<StreamEvent> events) {
        return events.stream().map(StreamEvent::name).toList();
    }

    @Test
    void a_late_subscriber_gets_the_history_then_only_later_events_each_once() {
        hub.on(new LoopEvent.RunStarted("r1", "t"));
        hub.on(new LoopEvent.IterationStarted("r1", 1));
        var sub = hub.subscribe("r1");
        hub.on(new LoopEvent.GateChecked("r1", 1, 0.9, true));
        hub.on(new LoopEvent.RunFinished("r1", RunStatus.SUCCESS, "done"));

        assertThat(names(sub.history())).containsExactly("run-started", "iteration-started");
        assertThat(sub.finished()).isFalse();
        assertThat(sub.live()).extracting(StreamEvent::name).containsExactly("gate", "run-finished");
        assertThat(sub.live()).extracting(StreamEvent::seq).containsExactly(3L, 4L);
        assertThat(sub.live().peek().data())
                .containsEntry("run_id", "r1")
                .containsEntry("iteration", 1)
                .containsEntry("score", 0.9)
                .containsEntry("passed", true);
    }

    @Test
    void a_subscriber_to_a_finished_run_gets_all_of_it_and_no_queue_entry() {
        hub.on(new LoopEvent.RunStarted("r2", "t"));
        hub.on(new LoopEvent.RunFinished("r2", RunStatus.FAILED, "budget spent"));
        var sub = hub.subscribe("r2");
        assertThat(sub.finished()).isTrue();
        assertThat(names(sub.history())).containsExactly("run-started", "run-finished");
        hub.on(new LoopEvent.RunStarted("r2", "never"));
        assertThat(sub.live()).isEmpty();
    }

    @Test
    void a_run_error_ends_the_stream_too() {
        hub.on(new LoopEvent.RunStarted("r4", "t"));
        hub.on(new LoopEvent.RunFailed("r4", "database gone"));
        assertThat(hub.subscribe("r4").finished()).isTrue();
    }

    @Test
    void runs_it_never_saw_are_null() {
        assertThat(hub.subscribe("unknown")).isNull();
    }

    @Test
    void close_wakes_every_live_subscriber() {
        hub.on(new LoopEvent.RunStarted("r3", "t"));
        var sub = hub.subscribe("r3");
        hub.close();
        assertThat(sub.live()).containsExactly(LoopEventHub.CLOSED);
    }

    @Test
    void only_the_newest_runs_are_kept() {
        for (int i = 0; i <= LoopEventHub.MAX_RUNS; i++) {
            hub.on(new LoopEvent.RunStarted("run-" + i, "t"));
        }
        assertThat(hub.subscribe("run-0")).isNull();
        assertThat(hub.subscribe("run-" + LoopEventHub.MAX_RUNS)).isNotNull();
    }
}
