package dev.cfn.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The benchmark's bookkeeping (not its timings: those are figures, printed by cfn serve bench-metrics). */
class ScrapeBenchTest {
    @Test
    void the_registry_is_filled_to_the_target_series_counted_in_the_rendered_text() {
        ScrapeBench.Result r = ScrapeBench.run(300, 1, 5);
        assertThat(r.series()).isBetween(300, 340);
        assertThat(r.scrapes()).isEqualTo(5);
        assertThat(r.p50Nanos()).isPositive().isLessThanOrEqualTo(r.p99Nanos());
        assertThat(r.p99Nanos()).isLessThanOrEqualTo(r.maxNanos());
        assertThat(r.bytes()).isGreaterThan(300 * 20);
    }

    @Test
    void series_are_the_lines_that_are_neither_comments_nor_blank() {
        assertThat(ScrapeBench.seriesIn("# HELP a x\n# TYPE a counter\na_total 1\n\nb{x=\"1\"} 2\n"))
                .isEqualTo(2);
    }
}
