package dev.cfn.skills.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class BenchRowTest {
    private static BenchRow row(Operation op, double p50Nanos, Double baselineNanos) {
        return new BenchRow(op, p50Nanos, p50Nanos * 2, 100, baselineNanos, "");
    }

    @Test
    void a_time_passes_when_its_p50_is_within_the_limit_and_fails_past_it() {
        assertThat(row(Operations.LOAD_COLD, 20_000, null).verdict()).isEqualTo("PASS");
        assertThat(row(Operations.LOAD_COLD, 20_001, null).verdict()).isEqualTo("FAIL");
    }

    @Test
    void update_fails_when_it_is_less_than_50_times_faster_than_the_baseline_of_the_run() {
        assertThat(row(Operations.UPDATE, 250_000, 12_500_000.0).verdict()).isEqualTo("PASS");
        assertThat(row(Operations.UPDATE, 250_000, 12_000_000.0).verdict()).isEqualTo("FAIL");
        assertThat(row(Operations.UPDATE, 301_000, 100_000_000.0).verdict()).isEqualTo("FAIL");
    }

    @Test
    void without_a_baseline_only_the_time_limit_of_a_target_is_judged() {
        assertThat(row(Operations.UPDATE, 250_000, null).verdict()).isEqualTo("PASS");
        assertThat(row(Operations.UPDATE, 250_000, null).baselineSpeedup()).isNull();
    }

    @Test
    void a_row_without_a_target_has_no_verdict() {
        assertThat(row(Operations.DEPLOY, 1e9, null).verdict()).isEqualTo("-");
    }

    @Test
    void ratios_are_seed_over_ours_for_times_and_ours_over_seed_for_rates() {
        assertThat(row(Operations.UPDATE, 535_000, 107_000_000.0).seedRatio()).isCloseTo(1000.0, within(1e-9));
        assertThat(row(Operations.UPDATE, 535_000, 107_000_000.0).baselineSpeedup())
                .isCloseTo(200.0, within(1e-9));
        BenchRow rate = Operations.ZIPF.rate(0.8, 1000, "");
        assertThat(rate.seedRatio()).isCloseTo(2.0, within(1e-9));
        assertThat(rate.verdict()).isEqualTo("FAIL");
        assertThat(Operations.ZIPF.rate(0.9, 1000, "").verdict()).isEqualTo("PASS");
    }

    @Test
    void a_row_for_every_operation_of_the_issue_is_defined_once() {
        assertThat(Operations.all())
                .extracting(Operation::key)
                .doesNotHaveDuplicates()
                .contains(
                        "deploy",
                        "load_cached",
                        "load_cold",
                        "update",
                        "log",
                        "concurrent_20",
                        "bulk_import",
                        "zipf_hit_rate",
                        "analytics_effectiveness",
                        "analytics_by_approval_cached");
    }
}
