package dev.cfn.cli.skill;

import dev.cfn.cli.CfnSubcommand;
import dev.cfn.skills.SkillStatus;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
        name = "list",
        description = "List skills, optionally by status, by agent type, or only those with versions awaiting review.",
        footer = {"", "Example: cfn skill list --agent backend-developer --json"})
public final class SkillListCommand extends CfnSubcommand {
    @Option(names = "--status", paramLabel = "S", description = "active, deprecated or archived.")
    String status;

    @Option(names = "--agent", paramLabel = "TYPE", description = "Only skills mapped to this agent type.")
    String agent;

    @Option(names = "--pending", description = "Only skills with a version awaiting a decision.")
    boolean pending;

    @Override
    protected void execute() {
        SkillStatus s = status == null ? null : SkillStatus.parse(status);
        var skills = ctx().registry().list(s, agent, pending);
        out().print(skills.stream().map(SkillViews::skill).toList(), () -> {
            if (skills.isEmpty()) {
                out().line("no skills");
                return;
            }
            out().table(
                            List.of("NAME", "CATEGORY", "LEVEL", "STATUS", "LATEST", "DEPLOYED"),
                            skills.stream()
                                    .map(k -> java.util.Arrays.<Object>asList(
                                            k.name(),
                                            k.category().label(),
                                            k.approvalLevel().label(),
                                            k.status().label(),
                                            k.latestVersion(),
                                            k.deployedVersion()))
                                    .toList());
        });
    }
}
