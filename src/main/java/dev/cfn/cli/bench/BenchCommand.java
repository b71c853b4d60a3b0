package dev.cfn.cli.bench;

import dev.cfn.InvalidInputException;
import dev.cfn.bench.Durations;
import dev.cfn.cli.CfnSubcommand;
import dev.cfn.cli.Progress;
import dev.cfn.skills.bench.BenchConfig;
import dev.cfn.skills.bench.BenchProgress;
import dev.cfn.skills.bench.BenchReport;
import dev.cfn.skills.bench.BenchRunner;
import dev.cfn.skills.bench.BenchTable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
        name = "bench",
        description = {
            "Benchmark the hot paths of the skills registry: p50 and p99 per operation beside the"
                    + " seed's figures and the targets.",
            "",
            "Runs on a fresh temporary registry of 1,000 skills, 5,000 mappings and 50,000 usage"
                    + " rows. --baseline also runs bench/seed-baseline.sh (bash + one sqlite3 process per"
                    + " statement, the seed's way) on a copy of the same data and prints how many times faster"
                    + " cfn is."
        },
        footer = {"", "Example: cfn bench --quick --baseline"})
public final class BenchCommand extends CfnSubcommand {
    @Option(names = "--quick", description = "A short run (fewer iterations; noisier figures).")
    boolean quick;

    @Option(names = "--baseline", description = "Also measure the seed-style baseline in the same run.")
    boolean baseline;

    @Option(
            names = "--baseline-script",
            paramLabel = "FILE",
            description = "The baseline script (default: bench/seed-baseline.sh of this project).")
    Path script;

    @Override
    protected void execute() {
        Path baselineScript = baseline || script != null ? locateScript() : null;
        if (BenchJvm.shouldFork()) {
            BenchJvm.runChild(spec.root().commandLine().getParseResult().originalArgs());
            return;
        }
        BenchProgress progress = Progress.isTerminal() ? new BenchProgressLine(out().err()) : BenchProgress.NONE;
        BenchReport report = new BenchRunner(new BenchConfig(quick, baselineScript), progress).run();
        progress.update("", 0, 0);
        out().print(BenchTable.document(report), () -> {
            out().line("cfn bench" + (report.quick() ? " --quick" : "") + ": "
                    + report.shape().skills()
                    + " skills, " + report.shape().mappings() + " mappings, "
                    + report.shape().usageRows()
                    + " usage rows (generated in " + Durations.format(report.generationNanos()) + "); "
                    + report.jvm());
            out().table(BenchTable.headers(report.baseline()), BenchTable.cells(report));
            BenchTable.notes(report).forEach(out()::line);
            out().line("seed figures: the original system's performance reference; RATIO = seed / p50.");
            if (report.baseline()) {
                out().line("baseline: bench/seed-baseline.sh on a copy of the same data, this run;"
                        + " VS BASELINE = baseline p50 / p50.");
            }
        });
    }

    private Path locateScript() {
        if (script != null) {
            if (!Files.isRegularFile(script)) {
                throw new InvalidInputException("--baseline-script " + script + ": no such file");
            }
            return script;
        }
        for (Path candidate : candidates()) {
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new InvalidInputException("--baseline needs bench/seed-baseline.sh, but it is not beside "
                + "the jar's project nor in the current folder (use --baseline-script FILE)");
    }

    private static List<Path> candidates() {
        Path relative = Path.of("bench", "seed-baseline.sh");
        return dev.cfn.OwnJar.find()
                .map(jar -> List.of(jar.toAbsolutePath().getParent().getParent().resolve(relative), relative))
                .orElse(List.of(relative));
    }
}
