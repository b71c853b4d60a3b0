package dev.cfn.cli.skill;

import dev.cfn.cli.CfnSubcommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
        name = "reject",
        description = "Reject a version awaiting review; a skill with nothing approved or pending is archived.",
        footer = {"", "Example: cfn skill reject api-design --approver alice@example.com --reason 'no tests'"})
public final class SkillRejectCommand extends CfnSubcommand {
    @Parameters(paramLabel = "NAME", description = "Skill name.")
    String name;

    @Option(names = "--version", paramLabel = "V", description = "The version to reject (default: newest pending).")
    String version;

    @Option(names = "--approver", required = true, paramLabel = "WHO", description = "Who rejects.")
    String approver;

    @Option(names = "--reason", required = true, paramLabel = "TEXT", description = "Why (required).")
    String reason;

    @Override
    protected void execute() {
        var record = ctx().registry().reject(name, SkillViews.versionOrNull(version), approver, reason);
        out().print(
                        SkillViews.approval(record),
                        () -> out().line("rejected " + record.skill() + " " + record.version() + " by "
                                + record.approver()));
    }
}
