package dev.cfn.cli.coord;

import dev.cfn.cli.CfnSubcommand;
import dev.cfn.redis.KeyScheme;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(
        name = "cleanup",
        description = {
            "Remove every key of a task.",
            "",
            "Removes swarm:TASK:* (which includes tasks nested under it, TASK:*), found with SCAN and"
                    + " removed with UNLINK, never KEYS. Keys also expire on their own (every key has a TTL)."
        },
        footer = {"", "Example: cfn coord cleanup auth-feature-42 --redis redis://127.0.0.1:6379"})
public final class CoordCleanupCommand extends CfnSubcommand {
    @Parameters(index = "0", paramLabel = "TASK", description = "The task id.")
    String task;

    @Override
    protected void execute() {
        KeyScheme.requireTaskId(task);
        var coordinator = ctx().coordinator();
        long removed = coordinator.cleanup(task);
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("task", task);
        doc.put("target", coordinator.describe());
        doc.put("keys_removed", removed);
        out().print(
                        doc,
                        () -> out().line("removed " + removed + " keys of task " + task + " from "
                                + coordinator.describe()));
    }
}
