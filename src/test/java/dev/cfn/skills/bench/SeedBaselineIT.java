package dev.cfn.skills.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.cfn.bench.Samples;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** bench/seed-baseline.sh, run as cfn bench --baseline runs it, on a copy of the benchmark data. */
class SeedBaselineIT {
    @Test
    void the_seed_style_script_times_every_operation_on_a_copy_of_the_benchmark_data() throws Exception {
        assumeTrue(
                Files.isExecutable(Path.of("/usr/bin/sqlite3")),
                "needs Debian's sqlite3 CLI (apt-get install sqlite3)");
        Path script = Path.of(System.getProperty("cfn.basedir", "."), "bench", "seed-baseline.sh");
        try (BenchFixture fixture = BenchFixture.create(DataShape.ISSUE)) {
            Path copy = BenchRunner.copyDatabase(fixture);

            Map<String, Samples> samples = new SeedBaseline(script, BenchProgress.NONE).run(copy, true);

            assertThat(samples)
                    .containsOnlyKeys(
                            "load",
                            "log",
                            "deploy",
                            "update",
                            "analytics_effectiveness",
                            "analytics_velocity",
                            "analytics_bottlenecks",
                            "analytics_by_approval",
                            "analytics_usage",
                            "concurrent_20",
                            "bulk_import");
            assertThat(samples.get("update").count()).isEqualTo(5);
            assertThat(samples.get("bulk_import").count()).isEqualTo(1);
            // Each update spawns five sqlite3 processes: it cannot take less than a millisecond.
            assertThat(samples.get("update").p50()).isGreaterThan(1_000_000);
        }
    }
}
