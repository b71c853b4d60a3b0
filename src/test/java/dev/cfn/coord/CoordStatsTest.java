package dev.cfn.coord;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class CoordStatsTest {
    @Test
    void memory_above_80_percent_of_maxmemory_carries_a_warning() {
        CoordStats stats = new CoordStats("redis", "redis://h:6379", Map.of(), 850, 1000, "allkeys-lru", 12);

        assertThat(stats.warning())
                .contains(
                        "Redis at redis://h:6379 uses 850 of 1000 bytes of maxmemory (85%, above 80%); policy allkeys-lru");
    }

    @Test
    void memory_at_80_percent_or_without_a_limit_carries_none() {
        assertThat(new CoordStats("redis", "r", Map.of(), 800, 1000, "noeviction", 0).warning())
                .isEmpty();
        assertThat(new CoordStats("redis", "r", Map.of(), 10_000, 0, "noeviction", 0).warning())
                .isEmpty();
        assertThat(new CoordStats("local", "in-process", Map.of(), -1, -1, "", -1).warning())
                .isEmpty();
    }
}
