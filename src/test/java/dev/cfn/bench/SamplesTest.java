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
    void a_single_sample_is_every_percentile() {
        Samples samples = Samples.of(42);

        assertThat(samples.p50()).isEqualTo(42);
        assertThat(samples.p99()).isEqualTo(42);
    }

    @Test
    void an_empty_sample_set_has_no_percentile() {
        assertThatThrownBy(() -> new Samples(8).p50())
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("no samples");
    }
}
