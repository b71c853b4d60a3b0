package dev.cfn.cli.loop;

import dev.cfn.CfnException;
import dev.cfn.cli.CfnSubcommand;
import dev.cfn.cli.Distribution;
import dev.cfn.cli.DistributionOptions;
import dev.cfn.loop.RunStore;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
        name = "resume",
        description = {
            "Continue a run whose orchestrator died, or a stopped one (budget, cancel), from its unfinished"
                    + " iteration.",
            "",
            "Stored agent results are reused, never re-run or counted twice. A budget option given replaces"
                    + " the run's. Exit 4 if the run ended, is still driven by a live process, or its budget is"
                    + " spent."
        },
        footer = {"", "Example: cfn loop resume run-20261127-031500-a1b2c3 --max-cost-usd 2.50"})
public final class LoopResumeCommand extends CfnSubcommand {
    @Parameters(paramLabel = "ID", description = "The run id (see cfn loop list).")
    String runId;

    @Option(
            names = "--agents-dir",
            paramLabel = "D",
            description = "Agent definitions (default <run workdir>/.claude/agents).")
    Path agentsDir;

    @Option(names = "--parallel", defaultValue = "16", paramLabel = "N", description = "Agents running at once.")
    int parallel;

    @picocli.CommandLine.Mixin
    BudgetOptions budget = new BudgetOptions();

    @picocli.CommandLine.Mixin
    DistributionOptions distribution = new DistributionOptions();

    @Override
    protected void execute() {
        Distribution remote = distribution.distribution(ctx());
        var raised = budget.budget();
        var run = new RunStore(ctx().database())
                .run(runId)
                .orElseThrow(() -> new dev.cfn.NotFoundException("run '" + runId + "' does not exist"));
        run.requireResumable(); // before loading agents: an ended run needs none
        Path dir = agentsDir != null ? agentsDir : Path.of(run.settings().workdir(), ".claude", "agents");
        try (LoopRuns runs = new LoopRuns(ctx(), dir, parallel, !out().json(), remote)) {
            var report = runs.executor().resume(runId, raised);
            out().print(LoopViews.report(report), () -> LoopViews.print(out(), report));
            if (!report.proceeded()) {
                throw new CfnException(
                        "run " + report.runId() + " ended " + report.status() + ": " + report.exitReason());
            }
        }
    }
}
