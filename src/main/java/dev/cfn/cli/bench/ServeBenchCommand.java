package dev.cfn.cli.bench;

import dev.cfn.CfnException;
import dev.cfn.InvalidInputException;
import dev.cfn.cli.CfnSubcommand;
import dev.cfn.http.bench.ApiBench;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
        name = "bench",
        description = {
            "Measure the API under load from a second process, against p99 <= 2 ms at 1,000 requests/s.",
            "",
            "Starts 'cfn serve' as a child JVM on a seeded temporary home (200 skills, 5 deployed to"
                    + " one agent type), warms it up, then sends GET /api/agents/bench-agent/skills at a fixed"
                    + " rate (open model: latency counts from each request's due time) over keep-alive"
                    + " connections, and prints the achieved rate, p50/p99/p99.9/max, errors, and PASS or FAIL."
        },
        footer = {"", "Example: cfn serve bench --rate 1000 --seconds 15"})
public final class ServeBenchCommand extends CfnSubcommand {
    @Option(
            names = "--rate",
            defaultValue = "1000",
            paramLabel = "N",
            description = "Requests per second (default 1000).")
    int rate;

    @Option(names = "--seconds", defaultValue = "15", paramLabel = "S", description = "Measured seconds (default 15).")
    int seconds;

    @Option(names = "--warmup", defaultValue = "5", paramLabel = "S", description = "Warm-up seconds (default 5).")
    int warmup;

    @Option(names = "--connections", defaultValue = "8", paramLabel = "N", description = "Keep-alive connections.")
    int connections;

    @Option(names = "--quick", description = "3 s warm-up, 5 s measured: a smoke run.")
    boolean quick;

    @Override
    protected void execute() throws Exception {
        if (rate < 1 || rate > 100_000) {
            throw new InvalidInputException("--rate must be 1 to 100000, but was " + rate);
        }
        if (seconds < 1 || seconds > 3_600 || warmup < 0 || warmup > 600) {
            throw new InvalidInputException(
                    "--seconds must be 1 to 3600 and --warmup 0 to 600, but were " + seconds + " and " + warmup);
        }
        if (connections < 1 || connections > 256) {
            throw new InvalidInputException("--connections must be 1 to 256, but was " + connections);
        }
        Path jar = dev.cfn.OwnJar.find()
                .orElseThrow(() -> new CfnException(
                        "cfn serve bench runs from the cfn jar only (it starts the server as a child JVM)"));
        var plan = new ApiBench.Plan(
                rate, Duration.ofSeconds(quick ? 5 : seconds), Duration.ofSeconds(quick ? 3 : warmup), connections);
        Map<String, Object> report = ApiBench.run(plan, jar);
        out().print(report, () -> out().fields(report));
        if ("FAIL".equals(report.get("result"))) {
            out().warn("p99 target missed (or errors, or the rate was not reached): see the figures above");
        }
    }
}
