package dev.cfn.cli.loop;

import dev.cfn.cli.CfnSubcommand;
import dev.cfn.loop.Budget;
import dev.cfn.loop.RunStore;
import dev.cfn.loop.session.RunJson;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
        name = "list",
        description = "Recent runs, newest first.",
        footer = {"", "Example: cfn loop list --limit 5 --json"})
public final class LoopListCommand extends CfnSubcommand {
    @Option(names = "--limit", defaultValue = "20", paramLabel = "N", description = "How many (default 20).")
    int limit;

    @Override
    protected void execute() {
        if (limit < 1 || limit > 10_000) {
            throw new dev.cfn.InvalidInputException("--limit must be 1 to 10000, but was " + limit);
        }
        List<Map<String, Object>> rows = RunJson.recent(new RunStore(ctx().database()), limit);
        out().print(rows, () -> {
            if (rows.isEmpty()) {
                out().line("no runs yet");
                return;
            }
            out().table(
                            List.of("RUN", "STATUS", "ITER", "DECISION", "COST", "STARTED", "TASK"),
                            rows.stream()
                                    .map(r -> java.util.Arrays.<Object>asList(
                                            r.get("run_id"),
                                            r.get("status"),
                                            r.get("iterations"),
                                            r.get("final_decision"),
                                            Budget.usd((Double) r.get("cost_usd")),
                                            r.get("started"),
                                            abbreviate((String) r.get("task"))))
                                    .toList());
        });
    }

    private static String abbreviate(String text) {
        String oneLine = text.replaceAll("\\s+", " ");
        return oneLine.length() > 60 ? oneLine.substring(0, 57) + "..." : oneLine;
    }
}
