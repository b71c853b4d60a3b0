package dev.cfn.agents.process;

import dev.cfn.agents.AgentAnswer;
import dev.cfn.agents.AgentInvocation;
import dev.cfn.agents.AgentResult;
import dev.cfn.agents.AgentRuntime;
import dev.cfn.agents.Feedback;
import dev.cfn.agents.Results;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code test} runtime: runs a test command in the workdir and scores by evidence, not by
 * opinion. The confidence is the pass rate from JUnit XML reports written during the run under the
 * definition's {@code reports} folder, else from the last {@code N passed, N failed[, N skipped]}
 * line of its stdout. Each failed test becomes CRITICAL feedback. No tests found means confidence
 * 0.0 with the reason and status FAILURE (a validator that checked nothing). Thread-safe.
 */
public final class TestAgentRuntime implements AgentRuntime {
    private static final Pattern CLOSING = Pattern.compile(
            "(?m)^[ \\t]*+(?:\\w++:[ \\t]*+)?(\\d++) passed, (\\d++) failed(?:, (\\d++) skipped)?[ \\t]*+$");
    private static final Pattern FAILURE_LINE = Pattern.compile("(?m)^(?:FAIL|FAILED|ERROR)[: ][ \\t]*+(.+)$");

    private final ProcessRunner runner;

    public TestAgentRuntime(ProcessRunner runner) {
        this.runner = runner;
    }

    public static TestAgentRuntime create(Duration killGrace) {
        return new TestAgentRuntime(new ProcessRunner(ProcessReaper.global(), ResourceLimits.detect(), killGrace));
    }

    @Override
    public AgentResult run(AgentInvocation invocation) {
        String reports = invocation.definition().extraText("reports");
        Path folder = reports == null ? null : invocation.workdir().resolve(reports);
        Map<Path, FileTime> before = folder == null ? Map.of() : JUnitReports.snapshot(folder);
        ProcessOutcome outcome = runner.execute(invocation);
        if (outcome.timedOut() || outcome.interrupted()) {
            return Results.failed(invocation, outcome.failure(invocation), outcome.timedOut(), -1, outcome.duration());
        }
        TestTally tally = folder == null ? null : JUnitReports.count(folder, before);
        if (tally == null) {
            tally = closingLine(outcome.stdout());
        }
        if (tally == null || tally.run() == 0) {
            return Results.failed(
                    invocation, noTests(tally, reports, outcome), false, outcome.exitCode(), outcome.duration());
        }
        return Results.of(invocation, answer(tally), null, false, outcome.exitCode(), outcome.duration())
                .build();
    }

    static TestTally closingLine(String stdout) {
        Matcher m = CLOSING.matcher(stdout);
        TestTally tally = null;
        while (m.find()) {
            int skipped = m.group(3) == null ? 0 : Integer.parseInt(m.group(3));
            tally = new TestTally(
                    Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), skipped, List.of(), "stdout");
        }
        if (tally == null || tally.failed() == 0) {
            return tally;
        }
        List<String> failures = new ArrayList<>();
        Matcher f = FAILURE_LINE.matcher(stdout);
        while (f.find() && failures.size() < TestTally.MAX_LISTED) {
            failures.add(f.group(1).strip());
        }
        return new TestTally(tally.passed(), tally.failed(), tally.skipped(), failures, "stdout");
    }

    private static AgentAnswer answer(TestTally tally) {
        List<Feedback> feedback = new ArrayList<>();
        tally.failures().forEach(f -> feedback.add(new Feedback(Feedback.Severity.CRITICAL, "test failed: " + f)));
        int unlisted = tally.failed() - tally.failures().size();
        if (unlisted > 0) {
            feedback.add(new Feedback(Feedback.Severity.CRITICAL, unlisted + " more test(s) failed"));
        }
        String summary = tally.passed() + " passed, " + tally.failed() + " failed, " + tally.skipped() + " skipped ("
                + tally.source() + ")";
        return new AgentAnswer(tally.passRate(), null, null, summary, List.of(), feedback, null, null, "tests");
    }

    private static String noTests(TestTally tally, String reports, ProcessOutcome outcome) {
        String why = tally != null && tally.skipped() > 0
                ? "no tests ran: all " + tally.skipped() + " were skipped"
                : "no tests found: " + (reports == null ? "" : "no new JUnit XML under " + reports + " and ")
                        + "no 'N passed, N failed' line on stdout";
        if (outcome.exitCode() == 0) {
            return why;
        }
        String last = outcome.lastLogLine() == null ? "" : ": " + outcome.lastLogLine();
        return why + " (the test command exited with code " + outcome.exitCode() + last + ")";
    }
}
