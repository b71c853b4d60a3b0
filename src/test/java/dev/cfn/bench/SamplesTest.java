package dev.cfn.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SamplesTest {
    @Test
    void p50_and_p99_are_nearest_rank_percentiles_whatever_the_order_of_the_samples() {
        Samples samples = new Samples(1);
        for (long n = 100; n >= 1; n--) {
            samples.add(n * 1000);
        }

        assertThat(samples.count()).isEqualTo(100);
        assertThat(samples.p50()).isEqualTo(50_000);
        assertThat(samples.p99()).isEqualTo(99_000);
        assertThat(samples.percentile(100)).isEqualTo(100_000);
        assertThat(samples.percentile(0)).isEqualTo(1_000);
    }

    @Test
    void the_rank_is_the_smallest_sample_at_or_above_the_percent_so_p50_of_an_even_count_is_the_lower_middle() {
        Samples samples = Samples.of(40, 10, 30, 20);

        assertThat(samples.p50()).isEqualTo(20); // rank ceil(0.5 * 4) = 2, not the upper middle 30
        assertThat(samples.percentile(50.1)).isEqualTo(30); // rank ceil(2.004) = 3
        assertThat(samples.percentile(75)).isEqualTo(30);
        assertThat(samples.percentile(99.9)).isEqualTo(40);
        assertThat(samples.max()).isEqualTo(40);
    }

    @Test
    void a_sample_added_after_a_percentile_counts_in_the_next_one() {
        Samples samples = Samples.of(5, 1, 3);
        assertThat(samples.max()).isEqualTo(5);

        samples.add(9);
        samples.add(0);

        assertThat(samples.max()).isEqualTo(9);
        assertThat(samples.percentile(0)).isZero();
        assertThat(samples.p50()).isEqualTo(3);
    }

    @Test
    void merged_samples_count_as_one_set() {
        Samples all = Samples.of(1, 2);
        all.addAll(Samples.of(3, 4, 5));

        assertThat(all.count()).isEqualTo(5);
        assertThat(all.p50()).isEqualTo(3);
        assertThat(all.max()).isEqualTo(5);
    }

    @Test
    void views_in_microseconds_milliseconds_and_the_mean() {
        Samples samples = Samples.of(1_500_000, 2_500_000, 4_000_000, 8_000_000);

        assertThat(samples.percentileMicros(50)).isEqualTo(2_500.0);
        assertThat(samples.percentileMillis(100)).isEqualTo(8.0);
        assertThat(samples.mean()).isEqualTo(4_000_000.0);
    }

    @Test
    void a_single_sample_is_every_percentile() {
        Samples samples = Samples.of(42);

        assertThat(samples.p50()).isEqualTo(42);
        assertThat(samples.p99()).isEqualTo(42);
        assertThat(samples.max()).isEqualTo(42);
    }

    @Test
    void an_empty_sample_set_has_no_percentile_and_no_mean() {
        assertThatThrownBy(() -> new Samples(8).p50())
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("no samples");
        assertThatThrownBy(() -> new Samples(8).mean())
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("no samples");
    }
}
