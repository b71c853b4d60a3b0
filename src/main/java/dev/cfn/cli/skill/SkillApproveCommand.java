package dev.cfn.cli.skill;

import dev.cfn.cli.CfnSubcommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
        name = "approve",
        description = "Approve a version awaiting review (default: the newest such version).",
        footer = {"", "Example: cfn skill approve api-design --approver alice@example.com --reason 'reviewed'"})
public final class SkillApproveCommand extends CfnSubcommand {
    @Parameters(paramLabel = "NAME", description = "Skill name.")
    String name;

    @Option(names = "--version", paramLabel = "V", description = "The version to approve.")
    String version;

    @Option(names = "--approver", required = true, paramLabel = "WHO", description = "Who approves.")
    String approver;

    @Option(names = "--reason", paramLabel = "TEXT", description = "Why.")
    String reason;

    @Override
    protected void execute() {
        var record = ctx().registry().approve(name, SkillViews.versionOrNull(version), approver, reason);
        out().print(
                        SkillViews.approval(record),
                        () -> out().line("approved " + record.skill() + " " + record.version() + " by "
                                + record.approver()));
    }
}
