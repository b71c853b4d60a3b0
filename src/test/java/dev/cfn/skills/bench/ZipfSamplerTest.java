package dev.cfn.skills.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ZipfSamplerTest {
    @Test
    void lower_ranks_are_drawn_more_often_in_the_proportions_of_zipfs_law() {
        ZipfSampler zipf = new ZipfSampler(100, 1.0, 1);
        int[] counts = new int[100];
        for (int i = 0; i < 200_000; i++) {
            counts[zipf.next()]++;
        }

        double harmonic =
                IntStream.rangeClosed(1, 100).mapToDouble(k -> 1.0 / k).sum();
        assertThat(counts[0] / 200_000.0).isCloseTo(1 / harmonic, within(0.01));
        assertThat(counts[1] / 200_000.0).isCloseTo(0.5 / harmonic, within(0.01));
        assertThat(counts[0]).isGreaterThan(counts[9]).isGreaterThan(counts[99]);
    }

    @Test
    void the_same_seed_draws_the_same_ranks() {
        ZipfSampler a = new ZipfSampler(10_000, 0.99, 7);
        ZipfSampler b = new ZipfSampler(10_000, 0.99, 7);

        assertThat(IntStream.range(0, 1000).map(i -> a.next()).toArray())
                .containsExactly(IntStream.range(0, 1000).map(i -> b.next()).toArray());
    }

    @Test
    void top_share_is_the_probability_mass_of_the_most_likely_ranks() {
        ZipfSampler zipf = new ZipfSampler(4, 1.0, 1);
        double total = 1 + 1 / 2.0 + 1 / 3.0 + 1 / 4.0;

        assertThat(zipf.topShare(0)).isZero();
        assertThat(zipf.topShare(1)).isCloseTo(1 / total, within(1e-12));
        assertThat(zipf.topShare(2)).isCloseTo(1.5 / total, within(1e-12));
        assertThat(zipf.topShare(500)).isCloseTo(1.0, within(1e-12));
    }

    @Test
    void an_empty_key_space_is_rejected() {
        assertThatThrownBy(() -> new ZipfSampler(0, 1.0, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Zipf needs n >= 1 and s > 0, but was n=0, s=1.0");
    }
}
