package dev.cfn.loadtest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class LoadSummaryTest {
    @Test
    void a_run_whose_rounds_all_succeeded_is_healthy() {
        assertThat(summary(10, 0, 0, 4, Map.of()).unhealthy()).isEmpty();
    }

    @Test
    void any_failure_makes_it_unhealthy_naming_a_reason() {
        LoadSummary s = summary(10, 2, 0, 4, Map.of("timeout: timed out after 30 s", 2L));

        assertThat(s.unhealthy()).hasValue("2 of 10 rounds failed (e.g. timeout: timed out after 30 s)");
    }

    @Test
    void rounds_cut_short_by_an_interrupt_are_not_failures_but_do_not_count_as_done() {
        assertThat(summary(3, 0, 1, 4, Map.of()).unhealthy()).isEmpty();
        assertThat(summary(3, 0, 3, 4, Map.of()).unhealthy()).hasValue("no round completed");
    }

    @Test
    void keys_left_behind_make_it_unhealthy() {
        assertThat(summary(10, 0, 0, -1, Map.of()).unhealthy())
                .hasValue("the run's coordination keys could not be removed");
    }

    @Test
    void the_meter_keeps_failure_reasons_bounded() {
        LoadMeter meter = new LoadMeter();
        for (int i = 0; i < LoadMeter.MAX_REASONS + 5; i++) {
            meter.roundEnded(1, "reason " + i);
        }
        meter.roundEnded(1, null);
        meter.interrupt();
        meter.roundEnded(1, "killed by the interrupt");

        assertThat(meter.failures()).isEqualTo(LoadMeter.MAX_REASONS + 5);
        assertThat(meter.cutShort()).isEqualTo(1);
        assertThat(meter.reasons()).hasSize(LoadMeter.MAX_REASONS + 1).containsEntry(LoadMeter.OTHER, 5L);
        assertThat(meter.roundTripMs(50)).isEqualTo(0.0);
        assertThat(meter.spawnMs(50)).isNull();
    }

    private static LoadSummary summary(long rounds, long failures, long cutShort, long keys, Map<String, Long> why) {
        return new LoadSummary(
                1.0,
                rounds,
                rounds,
                failures,
                cutShort,
                1.0,
                2.0,
                1.0,
                2.0,
                1.0,
                2.0,
                1,
                1,
                1,
                keys,
                cutShort > 0,
                why);
    }
}
