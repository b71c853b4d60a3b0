package dev.cfn.cli.bench;

import dev.cfn.CfnException;
import dev.cfn.InvalidInputException;
import dev.cfn.agents.AgentDefinition;
import dev.cfn.agents.RuntimeKind;
import dev.cfn.agents.definition.AgentCatalog;
import dev.cfn.cli.CfnSubcommand;
import dev.cfn.loadtest.InstantAgents;
import dev.cfn.loadtest.LoadPlan;
import dev.cfn.loadtest.LoadReport;
import dev.cfn.loadtest.LoadRuntime;
import dev.cfn.loadtest.LoadTest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
        name = "loadtest",
        description = {
            "Keep N agents busy for S seconds through the real spawner and coordinator, the seed's load test.",
            "",
            "Each agent loops over rounds: the orchestrator asks the spawner for the agent (a bundled instant"
                    + " agent; a new process per round, or a warm pool process with --runtime warm), the agent's"
                    + " answer is signalled through the coordinator (in process, or Redis with --redis), and the"
                    + " orchestrator's wait on that signal ends the round.",
            "",
            "Every second: running agents, spawns/s, coordination ops/s (signals and waits), heap in use; a"
                    + " live line on a terminal's stderr, plain lines when stderr is not a terminal, none with"
                    + " --json. At the end: spawns, failures, rates, spawn latency (request to answer) and round"
                    + " trip (request to the orchestrator seeing the signal) p50/p99, peak running, peak memory.",
            "",
            "Nothing is left behind: agent processes are swept, the run's keys removed. Ctrl-C ends the run"
                    + " early and still prints the summary. Exit 0 when every round succeeded; 1 when any failed"
                    + " (one line names how many and a reason); 2 for bad options."
        },
        footer = {"", "Example: cfn loadtest --agents 100 --duration 30 --redis redis://127.0.0.1:6379"})
public final class LoadtestCommand extends CfnSubcommand {
    /** How long an interrupted run gets to finish its rounds and print its summary. */
    @Option(
            names = "--agents",
            defaultValue = "10",
            paramLabel = "N",
            description = "Agents kept busy at once (1 to " + LoadPlan.MAX_AGENTS + ", default ${DEFAULT-VALUE}).")
    int agents;

    @Option(
            names = "--duration",
            defaultValue = "10",
            paramLabel = "S",
            description = "Seconds new rounds start" + " (1 to 86400, default ${DEFAULT-VALUE}).")
    long duration;

    @Option(
            names = "--runtime",
            paramLabel = "KIND",
            description = "process (a new process per round, the default) or warm (the warm pool).")
    String runtime;

    @Option(
            names = "--agent",
            paramLabel = "NAME",
            description = "Run this command agent from --agents-dir instead of the bundled instant agent.")
    String agentName;

    @Option(
            names = "--agents-dir",
            paramLabel = "DIR",
            description = "Folder of agent definitions for --agent (default: .claude/agents).")
    Path agentsDir;

    @Override
    protected void execute() throws Exception {
        LoadPlan plan = plan();
        Map<String, String> agentEnv = new HashMap<>();
        ctx().settings().redisUrl().ifPresent(url -> agentEnv.put("CFN_REDIS_URL", url));
        LoadtestView view = new LoadtestView(out());
        LoadTest test = LoadTest.create(plan, ctx().coordinator(), agentEnv, view::progress);
        // Ctrl-C or SIGTERM ends the run early; it still prints the summary of what ran.
        ctx().stopSignal().onStop(test::stop);
        view.start(plan, ctx().coordinator().describe());
        LoadReport report = test.run();
        view.endProgress();
        view.print(report);
        out().flush();
        if (!report.summary().interrupted()) {
            report.summary().unhealthy().ifPresent(why -> {
                throw new CfnException("loadtest unhealthy: " + why);
            });
        }
    }

    /** Validates the options: a plan, or exit 2 naming the option at fault. */
    private LoadPlan plan() {
        if (agents < 1 || agents > LoadPlan.MAX_AGENTS) {
            throw new InvalidInputException(
                    "--agents must be from 1 to " + LoadPlan.MAX_AGENTS + ", but was " + agents);
        }
        if (duration < 1 || duration > LoadPlan.MAX_DURATION.toSeconds()) {
            throw new InvalidInputException("--duration must be from 1 to " + LoadPlan.MAX_DURATION.toSeconds()
                    + " seconds, but was " + duration);
        }
        return new LoadPlan(agents, Duration.ofSeconds(duration), agent());
    }

    private AgentDefinition agent() {
        LoadRuntime kind = runtime == null ? null : runtimeKind(runtime);
        if (agentName == null) {
            if (agentsDir != null) {
                throw new InvalidInputException("--agents-dir needs --agent NAME");
            }
            return InstantAgents.of(kind == null ? LoadRuntime.PROCESS : kind);
        }
        AgentDefinition agent = AgentCatalog.load(agentsDir != null ? agentsDir : AgentCatalog.DEFAULT_DIR)
                .require(agentName);
        if (agent.runtime() != RuntimeKind.COMMAND) {
            throw new InvalidInputException("--agent " + agentName + " must be a command agent, but its runtime is "
                    + agent.runtime().label());
        }
        LoadRuntime its = agent.warm() ? LoadRuntime.WARM : LoadRuntime.PROCESS;
        if (kind != null && kind != its) {
            throw new InvalidInputException("--runtime " + runtime + " does not match agent " + agentName
                    + ", which runs " + its.label() + " (its 'warm' key decides)");
        }
        return agent;
    }

    private static LoadRuntime runtimeKind(String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "process" -> LoadRuntime.PROCESS;
            case "warm" -> LoadRuntime.WARM;
            default -> throw new InvalidInputException("--runtime must be process or warm, but was '" + value + "'");
        };
    }

    /** An interrupted run exits as the signal's (130 for Ctrl-C, 143 for SIGTERM), as shells expect. */
    @Override
    protected int exitCode() {
        return ctx().stopSignal().signalExitCode();
    }
}
