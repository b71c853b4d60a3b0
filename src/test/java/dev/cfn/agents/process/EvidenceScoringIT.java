package dev.cfn.agents.process;

import static dev.cfn.agents.AgentFixtures.definition;
import static dev.cfn.agents.AgentFixtures.invocation;
import static dev.cfn.agents.AgentFixtures.script;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cfn.agents.AgentDefinition;
import dev.cfn.agents.AgentResult;
import dev.cfn.agents.Feedback;
import dev.cfn.agents.RuntimeKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvidenceScoringIT {
    private static final String REPORT = """
            <?xml version="1.0" encoding="UTF-8"?>
            <testsuite name="CalcTest" tests="4" failures="1" errors="1" skipped="1">
              <testcase classname="CalcTest" name="adds"/>
              <testcase classname="CalcTest" name="divides"><failure message="expected 2 but was 3">trace</failure></testcase>
              <testcase classname="CalcTest" name="parses"><error message="NumberFormatException"/></testcase>
              <testcase classname="CalcTest" name="later"><skipped/></testcase>
            </testsuite>
            """;

    @TempDir
    Path dir;

    private final TestAgentRuntime runtime = TestAgentRuntime.create(Duration.ofMillis(500));

    private AgentResult run(String scriptText, Map<String, Object> extra) throws Exception {
        Path tests = script(dir, "run-tests.sh", scriptText);
        AgentDefinition d = definition("tester", RuntimeKind.TEST, List.of(tests.toString()), null, null, false, extra);
        return runtime.run(invocation(d, dir, Duration.ofSeconds(30)));
    }

    @Test
    void the_pass_rate_of_a_closing_line_is_the_confidence_and_failures_are_critical() throws Exception {
        AgentResult r = run("""
                #!/bin/sh
                echo "FAIL: test_divide (test_calc.CalcTest)"
                echo "tests: 3 passed, 1 failed, 2 skipped"
                echo '{"confidence": 1.0}'
                exit 1
                """, Map.of());

        assertThat(r.status()).isEqualTo(AgentResult.Status.SUCCESS);
        assertThat(r.confidence()).isEqualTo(0.75);
        assertThat(r.summary()).isEqualTo("3 passed, 1 failed, 2 skipped (stdout)");
        assertThat(r.feedback())
                .containsExactly(
                        new Feedback(Feedback.Severity.CRITICAL, "test failed: test_divide (test_calc.CalcTest)"));
        assertThat(r.exitCode()).isEqualTo(1);
    }

    @Test
    void junit_xml_written_during_the_run_is_scored_by_test_case() throws Exception {
        AgentResult r = run(
                "#!/bin/sh\nmkdir -p reports\ncat > reports/TEST-CalcTest.xml <<'X'\n" + REPORT + "X\n",
                Map.of("reports", "reports"));

        assertThat(r.confidence()).isEqualTo(1.0 / 3);
        assertThat(r.summary())
                .isEqualTo("1 passed, 2 failed, 1 skipped (1 report(s) in " + dir.resolve("reports") + ")");
        assertThat(r.feedback())
                .extracting(Feedback::message)
                .containsExactly(
                        "test failed: CalcTest.divides: expected 2 but was 3",
                        "test failed: CalcTest.parses: NumberFormatException");
    }

    @Test
    void stale_reports_from_before_the_run_do_not_count() throws Exception {
        Files.createDirectories(dir.resolve("reports"));
        Files.writeString(dir.resolve("reports/TEST-Old.xml"), REPORT);

        AgentResult r = run("#!/bin/sh\necho 'nothing to test'\n", Map.of("reports", "reports"));

        assertThat(r.status()).isEqualTo(AgentResult.Status.FAILURE);
        assertThat(r.confidence()).isZero();
        assertThat(r.confidenceReason())
                .isEqualTo("no tests found: no new JUnit XML under reports and no 'N passed, N failed' line on stdout");
    }

    @Test
    void no_tests_is_zero_with_the_reason_even_when_the_command_claims_confidence() throws Exception {
        AgentResult r =
                run("#!/bin/sh\necho 'confidence: 0.99'\necho 'compile error in Calc.java' >&2\nexit 2\n", Map.of());

        assertThat(r.status()).isEqualTo(AgentResult.Status.FAILURE);
        assertThat(r.confidence()).isZero();
        assertThat(r.confidenceReason())
                .isEqualTo("no tests found: no 'N passed, N failed' line on stdout"
                        + " (the test command exited with code 2: compile error in Calc.java)");
    }

    @Test
    void all_skipped_means_nothing_was_tested() throws Exception {
        AgentResult r = run("#!/bin/sh\necho '0 passed, 0 failed, 4 skipped'\n", Map.of());

        assertThat(r.confidence()).isZero();
        assertThat(r.confidenceReason()).isEqualTo("no tests ran: all 4 were skipped");
    }
}
