package dev.cfn.cli.skill;

import dev.cfn.cli.CfnSubcommand;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;

@Command(
        name = "pending",
        mixinStandardHelpOptions = true,
        description = "Versions awaiting a decision, oldest first, with how long they have waited.",
        footer = {"", "Example: cfn skill pending --json"})
public final class SkillPendingCommand extends CfnSubcommand {
    @Override
    protected void execute() {
        long now = ctx().clock().millis();
        var pending = ctx().registry().pending();
        List<Map<String, Object>> rows = pending.stream()
                .map(p -> {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("skill", p.skill());
                    m.put("version", p.version());
                    m.put("category", p.category().label());
                    m.put("level", p.level().label());
                    m.put("state", p.state().label());
                    m.put("proposed", SkillViews.time(p.createdMs()));
                    m.put("days_waiting", (now - p.createdMs()) / 86_400_000.0);
                    return m;
                })
                .toList();
        out().print(rows, () -> {
            if (rows.isEmpty()) {
                out().line("nothing awaits approval");
                return;
            }
            out().table(
                            List.of("SKILL", "VERSION", "LEVEL", "STATE", "DAYS WAITING"),
                            rows.stream()
                                    .map(r -> List.<Object>of(
                                            r.get("skill"),
                                            r.get("version"),
                                            r.get("level"),
                                            r.get("state"),
                                            r.get("days_waiting")))
                                    .toList());
        });
    }
}
