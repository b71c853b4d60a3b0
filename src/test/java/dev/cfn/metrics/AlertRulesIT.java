package dev.cfn.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The alert rules pass {@code promtool check rules}, their unit tests ({@code alerts_test.yml}: each
 * rule firing and staying quiet) pass {@code promtool test rules}, and every dashboard query parses
 * as PromQL. Skipped when promtool is absent ({@code apt-get install -y prometheus}; .ci/run does).
 */
class AlertRulesIT {
    private static final Path RULES = Path.of("ops/prometheus/alerts.yml");
    private static final Path TESTS = Path.of("ops/prometheus/alerts_test.yml");
    private static final Path DASHBOARD = Path.of("ops/grafana/cfn-dashboard.json");

    @TempDir
    Path tmp;

    private record Run(int exit, String output) {}

    @BeforeAll
    static void promtoolPresent() {
        assumeTrue(
                onPath("promtool"),
                "promtool is not installed (apt-get install -y prometheus): alert rules not checked");
    }

    @Test
    void the_rules_are_valid_and_there_are_eight() throws Exception {
        Run run = promtool("check", "rules", RULES.toString());
        assertThat(run.exit()).as(run.output()).isZero();
        assertThat(run.output()).contains("SUCCESS: 8 rules found");
    }

    @Test
    void each_rule_fires_and_stays_quiet_as_its_unit_tests_expect() throws Exception {
        Run run = promtool("test", "rules", TESTS.toString());
        assertThat(run.exit()).as(run.output()).isZero();
        assertThat(run.output()).contains("SUCCESS");
        String tests = Files.readString(TESTS);
        for (String alert : List.of(
                "SlowQuery",
                "HighMemoryUsage",
                "HighAgentFailureRate",
                "SlowAgentExecution",
                "LoopStuck",
                "LowSkillCacheHitRate",
                "RedisMemoryHigh",
                "LlmSpendRateHigh")) {
            assertThat(tests).as("a firing and a quiet test of " + alert).contains("alertname: " + alert);
        }
    }

    @Test
    void a_broken_rule_is_caught() throws Exception {
        Path broken = tmp.resolve("broken.yml");
        Files.writeString(broken, "groups:\n  - name: x\n    rules:\n      - alert: X\n        expr: rate(x[5m]\n");
        assertThat(promtool("check", "rules", broken.toString()).exit()).isNotZero();
    }

    @Test
    void every_dashboard_query_parses_as_promql() throws Exception {
        JsonNode dashboard = new ObjectMapper().readTree(DASHBOARD.toFile());
        StringBuilder rules = new StringBuilder("groups:\n  - name: dashboard\n    rules:\n");
        int n = 0;
        for (JsonNode panel : dashboard.get("panels")) {
            for (JsonNode target : panel.path("targets")) {
                String expr = target.get("expr").asText().replace("$instance", ".*");
                rules.append("      - record: dashboard_query_")
                        .append(n++)
                        .append("\n        expr: ")
                        .append(new ObjectMapper().writeValueAsString(expr))
                        .append('\n');
            }
        }
        Path file = tmp.resolve("dashboard-queries.yml");
        Files.writeString(file, rules);
        Run run = promtool("check", "rules", file.toString());
        assertThat(run.exit()).as(run.output()).isZero();
        assertThat(run.output()).contains("SUCCESS: " + n + " rules found");
    }

    private Run promtool(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("promtool"));
        command.addAll(List.of(args));
        Path out = tmp.resolve("promtool-" + System.nanoTime() + ".out");
        Process p = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(out.toFile())
                .start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("promtool did not finish within 60 s");
        }
        return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8));
    }

    private static boolean onPath(String program) {
        String path = System.getenv().getOrDefault("PATH", "");
        for (String dir : path.split(java.io.File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        return false;
    }
}
