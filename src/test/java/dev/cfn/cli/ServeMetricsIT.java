package dev.cfn.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.cfn.metrics.Scrape;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code cfn serve --port 0} as a child process, scraped over HTTP. */
class ServeMetricsIT {
    private static final Pattern URL = Pattern.compile("\"url\"\\s*:\\s*\"(http://[^\"]+)\"");

    @TempDir
    Path tmp;

    @Test
    void metrics_are_served_in_the_prometheus_text_format_with_cfn_and_jvm_series() throws Exception {
        CfnProcess serve = CfnProcess.start(
                tmp.resolve("logs"),
                "serve",
                "--port",
                "0",
                "--json",
                "--home",
                tmp.resolve("home").toString());
        try {
            String url = awaitUrl(serve);
            HttpResponse<String> response = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create(url + "/metrics")).build(),
                            HttpResponse.BodyHandlers.ofString());

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type"))
                    .hasValueSatisfying(t -> assertThat(t).startsWith("text/plain; version=0.0.4"));
            Scrape scrape = Scrape.of(response.body()); // fails on any line that is not a sample
            assertThat(scrape.names())
                    .contains(
                            "jvm_memory_used_bytes",
                            "process_cpu_usage",
                            "cfn_loop_runs_active",
                            "cfn_loop_last_progress_timestamp_seconds",
                            "cfn_warm_pool_size",
                            "cfn_skill_cache_hits_total",
                            "database_query_duration_seconds_bucket");
            assertThat(scrape.labelValues("database_query_duration_seconds_count", "table"))
                    .contains("schema_version");
            assertThat(response.body()).contains("# TYPE database_query_duration_seconds histogram");
        } finally {
            serve.kill();
        }
    }

    private String awaitUrl(CfnProcess serve) {
        Path[] out = new Path[1];
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> {
                    if (!serve.isAlive()) {
                        throw new AssertionError("cfn serve exited: " + serve.describe());
                    }
                    out[0] = stdout(serve);
                    return out[0] != null
                            && URL.matcher(Files.readString(out[0])).find();
                });
        try {
            Matcher m = URL.matcher(Files.readString(out[0]));
            assertThat(m.find()).isTrue();
            return m.group(1);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private Path stdout(CfnProcess serve) throws java.io.IOException {
        try (var files = Files.list(tmp.resolve("logs"))) {
            List<Path> outs = files.filter(p -> p.toString().endsWith(".out")).toList();
            return outs.isEmpty() ? null : outs.get(0);
        }
    }
}
