package dev.cfn.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code cfn serve bench} end to end, briefly (the figures themselves are for a quiet machine, not
 * for a test): it seeds a home, starts the server child, sends exactly rate x seconds requests to
 * each path, all answered 200, and reports every figure.
 */
class ServeBenchIT {
    @TempDir
    Path tmp;

    @Test
    void a_short_run_sends_the_scheduled_requests_and_reports_the_figures() throws Exception {
        Path out = tmp.resolve("bench.json");
        Process p = new ProcessBuilder(List.of(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "--enable-native-access=ALL-UNNAMED",
                        "-jar",
                        System.getProperty("cfn.jar", "target/cfn.jar"),
                        "--json",
                        "serve",
                        "bench",
                        "--rate",
                        "200",
                        "--seconds",
                        "1",
                        "--warmup",
                        "0"))
                .redirectOutput(out.toFile())
                .redirectError(tmp.resolve("bench.err").toFile())
                .start();
        assertThat(p.waitFor(2, TimeUnit.MINUTES)).isTrue();
        JsonNode report = new ObjectMapper().readTree(Files.readString(out));
        assertThat(report.get("requests").asLong())
                .as(Files.readString(tmp.resolve("bench.err")))
                .isEqualTo(200);
        assertThat(report.get("errors").asLong()).isZero();
        assertThat(report.get("baseline_errors").asLong()).isZero();
        assertThat(report.get("achieved_rate_per_s").asDouble()).isPositive();
        assertThat(report.get("p99_ms").asDouble())
                .isGreaterThanOrEqualTo(report.get("p50_ms").asDouble());
        assertThat(report.get("result").asText()).isIn("PASS", "FAIL");
        assertThat(p.exitValue()).isZero();
    }
}
