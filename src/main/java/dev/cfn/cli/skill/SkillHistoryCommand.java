package dev.cfn.cli.skill;

import dev.cfn.cli.CfnSubcommand;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(
        name = "history",
        description = "A skill's approval history, oldest first.",
        footer = {"", "Example: cfn skill history api-design"})
public final class SkillHistoryCommand extends CfnSubcommand {
    @Parameters(paramLabel = "NAME", description = "Skill name.")
    String name;

    @Override
    protected void execute() {
        var history = ctx().registry().history(name);
        out().print(
                        history.stream().map(SkillViews::approval).toList(),
                        () -> out().table(
                                        List.of("TIME", "VERSION", "LEVEL", "DECISION", "APPROVER", "REASON"),
                                        history.stream()
                                                .map(h -> java.util.Arrays.<Object>asList(
                                                        SkillViews.time(h.createdMs()),
                                                        h.version(),
                                                        h.level().label(),
                                                        h.decision().label(),
                                                        h.approver(),
                                                        h.reasoning()))
                                                .toList()));
    }
}
