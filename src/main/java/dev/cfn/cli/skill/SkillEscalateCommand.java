package dev.cfn.cli.skill;

import dev.cfn.cli.CfnSubcommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
        name = "escalate",
        description = "Send the newest version awaiting review to an expert; its approval level becomes escalate.",
        footer = {"", "Example: cfn skill escalate db-migrations --reason 'touches production data'"})
public final class SkillEscalateCommand extends CfnSubcommand {
    @Parameters(paramLabel = "NAME", description = "Skill name.")
    String name;

    @Option(names = "--reason", required = true, paramLabel = "TEXT", description = "Why (required).")
    String reason;

    @Option(names = "--approver", paramLabel = "WHO", description = "Who escalates (default: system).")
    String approver;

    @Override
    protected void execute() {
        var record = ctx().registry().escalate(name, approver, reason);
        out().print(
                        SkillViews.approval(record),
                        () -> out().line("escalated " + record.skill() + " " + record.version() + ": "
                                + record.reasoning()));
    }
}
