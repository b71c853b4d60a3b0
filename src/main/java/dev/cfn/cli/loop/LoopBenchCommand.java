package dev.cfn.cli.loop;

import dev.cfn.CfnException;
import dev.cfn.InvalidInputException;
import dev.cfn.cli.CfnSubcommand;
import dev.cfn.loop.bench.LoopBench;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
        name = "bench",
        description = {
            "Measure the loop: its overhead per iteration, and 200 agents in one loop on a small heap.",
            "",
            "Overhead: 5 instant agents per iteration against the same agents spawned bare (same run;"
                    + " target <= 20 ms). Width: 200 concurrent instant agents in one loop in a child JVM capped"
                    + " at -Xmx256m (completes; wall time and peak heap)."
        },
        footer = {"", "Example: cfn loop bench --quick --json"})
public final class LoopBenchCommand extends CfnSubcommand {
    @Option(names = "--samples", paramLabel = "N", description = "One-iteration loops measured (default 100).")
    Integer samples;

    @Option(names = "--quick", description = "Fewer samples (20), for a smoke run.")
    boolean quick;

    @Option(names = "--agents", defaultValue = "200", paramLabel = "N", description = "Agents of the wide loop.")
    int agents;

    @Override
    protected void execute() throws Exception {
        int n = samples != null ? samples : quick ? 20 : 100;
        if (n < 5) {
            throw new InvalidInputException("--samples must be at least 5, but was " + n);
        }
        if (agents < 1 || agents > 1024) {
            throw new InvalidInputException("--agents must be 1 to 1024, but was " + agents);
        }
        Path jar = dev.cfn.OwnJar.find()
                .orElseThrow(() ->
                        new CfnException("cfn loop bench runs from the cfn jar only (it starts a child JVM on it)"));
        Map<String, Object> report = LoopBench.run(n, agents, jar);
        out().print(report, () -> {
            for (var e : report.entrySet()) {
                out().line(e.getKey() + ":");
                @SuppressWarnings("unchecked")
                Map<String, Object> figures = new LinkedHashMap<>((Map<String, Object>) e.getValue());
                out().fields(figures);
            }
        });
    }
}
