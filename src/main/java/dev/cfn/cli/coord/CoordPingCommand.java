package dev.cfn.cli.coord;

import dev.cfn.cli.CfnSubcommand;
import dev.cfn.coord.Coordinator;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;

@Command(
        name = "ping",
        description = {
            "Check the coordinator answers (one PING round trip on Redis).",
            "",
            "Exit 1 with one line naming the URL when Redis is unreachable or slower than the command"
                    + " timeout (default 2s; set it in the URL: redis://host:6379?timeout=5s)."
        },
        footer = {"", "Example: cfn coord ping --redis redis://127.0.0.1:6379"})
public final class CoordPingCommand extends CfnSubcommand {
    @Override
    protected void execute() {
        Coordinator coordinator = ctx().coordinator();
        Duration rtt = coordinator.ping();
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("target", coordinator.describe());
        doc.put("round_trip_us", rtt.toNanos() / 1_000.0);
        out().print(
                        doc,
                        () -> out().line(String.format(
                                "PONG from %s in %.1f us", coordinator.describe(), rtt.toNanos() / 1_000.0)));
    }
}
