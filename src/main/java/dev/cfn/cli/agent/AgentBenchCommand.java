package dev.cfn.cli.agent;

import dev.cfn.agents.bench.AgentBench;
import dev.cfn.cli.CfnSubcommand;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
        name = "bench",
        description =
                "Measure agent spawn p50 against the ProcessBuilder /bin/true floor (same run), and warm-pool dispatch p50.",
        footer = {"", "Example: cfn agent bench --samples 500 --json"})
public final class AgentBenchCommand extends CfnSubcommand {
    @Option(names = "--samples", paramLabel = "N", defaultValue = "300", description = "Samples of each (default 300).")
    int samples;

    @Override
    protected void execute() throws Exception {
        if (samples < 10) {
            throw new dev.cfn.InvalidInputException("--samples must be at least 10, but was " + samples);
        }
        Map<String, Object> report = AgentBench.run(samples);
        out().print(report, () -> out().fields(report));
    }
}
