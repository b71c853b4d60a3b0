package dev.cfn.cli.skill;

import dev.cfn.cli.CfnSubcommand;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;

@Command(
        name = "pending",
        description = "Versions awaiting a decision, oldest first, with how long they have waited.",
        footer = {"", "Example: cfn skill pending --json"})
public final class SkillPendingCommand extends CfnSubcommand {
    @Override
    protected void execute() {
        long now = ctx().clock().millis();
        var pending = ctx().registry().pending();
        List<Map<String, Object>> rows = pending.stream()
                .map(p -> dev.cfn.skills.SkillJson.pending(p, now))
                .toList();
        out().print(rows, () -> {
            if (rows.isEmpty()) {
                out().line("nothing awaits approval");
                return;
            }
            out().table(
                            List.of("SKILL", "VERSION", "LEVEL", "STATE", "DAYS WAITING", "FROM"),
                            rows.stream()
                                    .map(r -> List.<Object>of(
                                            r.get("skill"),
                                            r.get("version"),
                                            r.get("level"),
                                            r.get("state"),
                                            r.get("days_waiting"),
                                            from(r)))
                                    .toList());
        });
    }

    /** Where a version came from: {@code reflection (run ID)}, {@code update}, or {@code -} for a propose. */
    private static String from(Map<String, Object> row) {
        Object by = row.get("generated_by");
        if (by == null) {
            return "-";
        }
        return row.get("run_id") == null ? by.toString() : by + " (run " + row.get("run_id") + ")";
    }
}
