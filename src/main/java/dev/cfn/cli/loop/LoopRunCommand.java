package dev.cfn.cli.loop;

import dev.cfn.CfnException;
import dev.cfn.InvalidInputException;
import dev.cfn.cli.CfnSubcommand;
import dev.cfn.cli.Distribution;
import dev.cfn.cli.DistributionOptions;
import dev.cfn.loop.RunReport;
import dev.cfn.loop.session.LoopRequest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
        name = "run",
        description = {
            "Run a CFN loop: Loop 3 implementers in parallel, the deliverable check, the gate (mean"
                    + " reported confidence with quorum), Loop 2 validators, consensus, and the product owner's"
                    + " PROCEED / ITERATE / ABORT.",
            "",
            "Every step is stored; exit 0 on PROCEED, 1 otherwise. A budget (--max-cost-usd, --max-tokens,"
                    + " --max-duration) stops the run, resumable, once spent. Without"
                    + " --loop3/--loop2/--product-owner, the agents of those roles in --agents-dir are used."
        },
        footer = {
            "",
            "Example: cfn loop run \"add a slugify function\" --workdir /tmp/w --agents-dir examples/agents"
                    + " --expected-files slug.py",
            "         cfn loop run \"add a slugify function\" --criteria \"slugify('A B') is 'a-b'\""
                    + " --criteria-file done.txt --keywords python --hooks"
        })
public final class LoopRunCommand extends CfnSubcommand {
    @Parameters(arity = "0..1", paramLabel = "TASK", description = "What to do (or --task-file).")
    String task;

    @Option(names = "--task-file", paramLabel = "F", description = "Read the task from a file.")
    Path taskFile;

    @Option(names = "--mode", defaultValue = "standard", paramLabel = "M", description = "mvp | standard | enterprise.")
    String mode;

    @Option(names = "--loop3", paramLabel = "a,b", description = "Implementer agents (a name twice runs two).")
    String loop3;

    @Option(names = "--loop2", paramLabel = "c,d", description = "Validator agents.")
    String loop2;

    @Option(names = "--product-owner", paramLabel = "P", description = "The product-owner agent.")
    String productOwner;

    @Option(names = "--max-iterations", paramLabel = "N", description = "Default from the mode (5 / 10 / 15).")
    Integer maxIterations;

    @Option(names = "--gate", paramLabel = "X", description = "Gate threshold (default from the mode).")
    Double gate;

    @Option(names = "--consensus", paramLabel = "X", description = "Consensus threshold (default from the mode).")
    Double consensus;

    @Option(names = "--quorum", defaultValue = "0.66", paramLabel = "X", description = "Share that must report.")
    double quorum;

    @Option(names = "--expected-files", paramLabel = "f1,f2", description = "Deliverables (relative to --workdir).")
    String expectedFiles;

    @Option(names = "--workdir", defaultValue = ".", paramLabel = "D", description = "Where agents work.")
    Path workdir;

    @Option(
            names = "--agents-dir",
            paramLabel = "D",
            description = "Agent definitions (default <workdir>/.claude/agents).")
    Path agentsDir;

    @Option(names = "--parallel", defaultValue = "16", paramLabel = "N", description = "Agents running at once.")
    int parallel;

    @Option(
            names = "--criteria",
            paramLabel = "TEXT",
            description = "An acceptance criterion, given to every agent and the product owner (repeatable).")
    List<String> criteria = new java.util.ArrayList<>();

    @Option(
            names = "--criteria-file",
            paramLabel = "F",
            description = "Acceptance criteria from a file, one per line (blank lines skipped).")
    Path criteriaFile;

    @Option(
            names = "--keywords",
            paramLabel = "k1,k2",
            description = "Skill keywords matched against mappings' conditions, besides the task's own words.")
    String keywords;

    @Option(
            names = "--hooks",
            description = "Run the definitions' lifecycle.pre_task/post_task and validation_hooks (off by default, as"
                    + " imported definitions may carry commands that fetch third-party code; loop.hooks=true in"
                    + " <home>/config turns them on too).")
    boolean hooks;

    @Option(
            names = "--allow-unchanged",
            description = "Without --expected-files, do not fail an iteration whose implementers changed nothing in the"
                    + " workdir (for tasks that only analyse).")
    boolean allowUnchanged;

    @Option(
            names = "--isolation",
            defaultValue = "none",
            paramLabel = "I",
            description = "none (every agent in the workdir) or worktree (each implementer in its own git worktree,"
                    + " merged after Loop 3; the workdir must be a git repository).")
    String isolation;

    @Option(
            names = "--reflect",
            paramLabel = "AGENT",
            description = "Loop 5: after a PROCEED, AGENT (role reflector) reads the run's history and may propose"
                    + " SKILL.md documents, which wait for approval in the registry (cfn skill pending).")
    String reflect;

    @picocli.CommandLine.Mixin
    BudgetOptions budget = new BudgetOptions();

    @picocli.CommandLine.Mixin
    DistributionOptions distribution = new DistributionOptions();

    @picocli.CommandLine.Mixin
    dev.cfn.cli.SandboxOption sandbox = new dev.cfn.cli.SandboxOption();

    @Override
    protected void execute() {
        sandbox.value(); // a bad --sandbox is exit 2 before anything starts
        Distribution remote = distribution.distribution(ctx());
        LoopRequest request = new LoopRequest(
                taskText(),
                mode,
                loop3 == null ? null : csv(loop3),
                loop2 == null ? null : csv(loop2),
                productOwner,
                maxIterations,
                gate,
                consensus,
                quorum,
                csv(expectedFiles),
                workdir,
                agentsDir,
                parallel,
                budget.budget(),
                judging(),
                isolation);
        try (LoopRuns runs = new LoopRuns(ctx(), request.agentsFolder(), parallel, !out().json(), remote)) {
            RunReport report = runs.executor()
                    .reflectWith(reflect)
                    .start(request.settings(runs.definitions()).withSandbox(sandbox.value()));
            out().print(LoopViews.report(report), () -> LoopViews.print(out(), report));
            if (!report.proceeded()) {
                throw new CfnException(
                        "run " + report.runId() + " ended " + report.status() + ": " + report.exitReason());
            }
        }
    }

    private String taskText() {
        if ((task == null) == (taskFile == null)) {
            throw new InvalidInputException("give the task either as TASK or with --task-file, not both or neither");
        }
        if (task != null) {
            return task;
        }
        try {
            return Files.readString(taskFile).strip();
        } catch (IOException e) {
            throw new InvalidInputException("--task-file " + taskFile + ": cannot read: " + e.getMessage());
        }
    }

    private dev.cfn.loop.Judging judging() {
        List<String> all = new java.util.ArrayList<>(criteria);
        if (criteriaFile != null) {
            all.addAll(CriteriaFile.read(criteriaFile));
        }
        boolean enabled = hooks || new dev.cfn.config.SettingsLoader(ctx().env()).loopHooks(ctx().settings());
        return new dev.cfn.loop.Judging(all, csv(keywords), enabled, !allowUnchanged);
    }

    static List<String> csv(String text) {
        return dev.cfn.cli.CommaList.split(text);
    }
}
