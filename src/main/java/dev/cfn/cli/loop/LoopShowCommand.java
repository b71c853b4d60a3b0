package dev.cfn.cli.loop;

import dev.cfn.InvalidInputException;
import dev.cfn.NotFoundException;
import dev.cfn.agents.AgentFiles;
import dev.cfn.cli.CfnSubcommand;
import dev.cfn.loop.Budget;
import dev.cfn.loop.RunStore;
import dev.cfn.loop.session.RunJson;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
        name = "show",
        description =
                "A run's status, each iteration's gate, consensus, deliverables and decision, its acceptance criteria"
                        + " and changed files, and every agent result with the skill versions it was given.",
        footer = {
            "",
            "Example: cfn loop show run-20261127-031500-a1b2c3 --json",
            "         cfn loop show run-20261127-031500-a1b2c3 --agent-id coder-1-1 --transcript"
        })
public final class LoopShowCommand extends CfnSubcommand {
    @Parameters(paramLabel = "ID", description = "The run id (see cfn loop list).")
    String runId;

    @Option(
            names = "--agent-id",
            paramLabel = "AGENT",
            description = "With --transcript: the agent (an id of the AGENT column, e.g. coder-1-1).")
    String agentId;

    @Option(
            names = "--transcript",
            description = "Print the agent's transcript instead, one JSON event a line: Claude Code's stream-json,"
                    + " or the conversation of an anthropic or openai agent (LLM agents keep one).")
    boolean transcript;

    @Override
    protected void execute() throws IOException {
        if (transcript != (agentId != null)) {
            throw new InvalidInputException(
                    transcript ? "--transcript needs --agent-id AGENT" : "--agent-id goes with --transcript");
        }
        RunStore store = new RunStore(ctx().database());
        var run =
                store.run(runId).orElseThrow(() -> new dev.cfn.NotFoundException("run '" + runId + "' does not exist"));
        if (transcript) {
            printTranscript(store, run.iterations());
            return;
        }
        var report = store.report(runId, ctx().clock().millis());
        Map<String, Object> doc = RunJson.details(store, run, ctx().clock().millis());
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> agents = (List<Map<String, Object>>) doc.get("agents");
        out().print(doc, () -> {
            LoopViews.print(out(), report);
            var budget = run.settings().budget();
            if (!budget.equals(dev.cfn.loop.Budget.NONE)) {
                out().line("budget: " + LoopViews.budget(budget));
            }
            printJudging(doc);
            out().line("");
            out().table(
                            List.of("ITER", "AGENT", "STATUS", "CONFIDENCE", "COST", "SKILLS", "NOTE"),
                            agents.stream()
                                    .map(a -> java.util.Arrays.<Object>asList(
                                            a.get("iteration"),
                                            a.get("agent_id"),
                                            a.get("status"),
                                            a.get("confidence"),
                                            Budget.usd((Double) a.get("cost_usd")),
                                            skills(a.get("skills")),
                                            a.get("confidence_reason") != null
                                                    ? a.get("confidence_reason")
                                                    : a.get("decision") != null ? a.get("decision") : a.get("summary")))
                                    .toList());
            if (doc.get("reflection") instanceof Map<?, ?> reflection) {
                printReflection(reflection);
            }
        });
    }

    /** The run's acceptance criteria, start commit and changed files, each when it has them. */
    private void printJudging(Map<String, Object> doc) {
        @SuppressWarnings("unchecked")
        List<String> criteria = (List<String>) doc.get("criteria");
        if (!criteria.isEmpty()) {
            out().line("criteria:");
            criteria.forEach(c -> out().line("  - " + c));
        }
        if (doc.get("start_commit") != null) {
            out().line("started at commit: " + doc.get("start_commit"));
        }
        @SuppressWarnings("unchecked")
        List<String> changed = (List<String>) doc.get("changed_files");
        if (!changed.isEmpty()) {
            out().line("changed files (cfn loop diff " + runId + "):");
            changed.forEach(f -> out().line("  " + f));
        }
    }

    private static String skills(Object given) {
        List<?> list = (List<?>) given;
        return list == null || list.isEmpty()
                ? "-"
                : String.join(", ", list.stream().map(String::valueOf).toList());
    }

    /** Loop 5: who reflected, what it proposed (pending approval) and what could not be proposed. */
    private void printReflection(Map<?, ?> r) {
        out().line("");
        out().line("reflection by " + r.get("reflector") + ": " + r.get("state")
                + (r.get("error") == null ? "" : " (" + r.get("error") + ")"));
        if (r.get("proposed") instanceof List<?> proposed) {
            for (Object p : proposed) {
                out().line("  proposed " + p + " (pending approval: cfn skill pending)");
            }
        }
        if (r.get("problems") instanceof List<?> problems) {
            for (Object p : problems) {
                out().line("  not proposed: " + p);
            }
        }
    }

    /** Copies the agent's gzip-compressed transcript to stdout, line by line as it is decompressed. */
    private void printTranscript(RunStore store, int iterations) throws IOException {
        boolean known = false;
        for (int i = 1; i <= iterations && !known; i++) {
            known = store.results(runId, i).containsKey(agentId);
        }
        if (!known) {
            throw new NotFoundException("run '" + runId + "' has no agent '" + agentId + "' (see cfn loop show " + runId
                    + " for its agents)");
        }
        Path file = AgentFiles.transcript(ctx().settings().logDir(), runId, agentId);
        if (!Files.isRegularFile(file)) {
            throw new NotFoundException("agent '" + agentId + "' of run '" + runId + "' has no transcript at " + file
                    + " (claude-code, anthropic and openai agents keep one)");
        }
        try (var in = new BufferedReader(
                new InputStreamReader(new GZIPInputStream(Files.newInputStream(file)), StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                out().line(line);
            }
        }
    }
}
