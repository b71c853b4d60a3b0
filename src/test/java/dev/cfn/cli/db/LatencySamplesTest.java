package dev.cfn.cli.db;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LatencySamplesTest {

    @Test
    void percentiles_are_nearest_rank_in_microseconds() {
        LatencySamples samples = new LatencySamples(10);
        for (int i = 10; i >= 1; i--) {
            samples.add(i * 1_000L); // 1..10 us, added out of order
        }

        assertThat(samples.percentileMicros(50)).isEqualTo(5.0);
        assertThat(samples.percentileMicros(95)).isEqualTo(10.0);
        assertThat(samples.percentileMicros(0)).isEqualTo(1.0);
        assertThat(samples.meanMicros()).isEqualTo(5.5);
        assertThat(samples.summary()).containsEntry("samples", 10).containsEntry("p50_us", 5.0);
    }
}
