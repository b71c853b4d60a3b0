package dev.cfn.cli.loop;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cfn.testing.Cfn;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code cfn loop bench} runs and reports its figures (their values are for the report, not asserted). */
class LoopBenchIT {
    @TempDir
    Path tmp;

    @Test
    void a_small_bench_completes_and_reports_overhead_and_the_wide_loop() {
        JsonNode doc = new Cfn(tmp.resolve("home"), tmp.resolve("scratch"))
                .run("loop", "bench", "--samples", "5", "--agents", "20", "--json")
                .ok()
                .json();

        JsonNode overhead = doc.get("overhead");
        assertThat(overhead.get("samples").asInt()).isEqualTo(5);
        assertThat(overhead.get("iteration_wall_p50_ms").asDouble()).isPositive();
        assertThat(overhead.get("bare_agents_p50_ms").asDouble()).isPositive();
        assertThat(overhead.has("overhead_p50_ms")).isTrue();
        JsonNode wide = doc.get("wide_loop");
        assertThat(wide.get("agents").asInt()).isEqualTo(20);
        assertThat(wide.get("completed").asBoolean()).as(wide.toString()).isTrue();
        assertThat(wide.get("peak_heap_used_mb").asLong()).isPositive();
    }
}
