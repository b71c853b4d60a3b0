package dev.cfn.cli.skill;

import dev.cfn.cli.CfnSubcommand;
import dev.cfn.skills.file.SemVer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
        name = "rollback",
        description = "Deploy an earlier approved version again; every loader sees it at once.",
        footer = {"", "Example: cfn skill rollback tdd-workflow --to 1.0.0"})
public final class SkillRollbackCommand extends CfnSubcommand {
    @Parameters(paramLabel = "NAME", description = "Skill name.")
    String name;

    @Option(names = "--to", required = true, paramLabel = "V", description = "The version to deploy again.")
    String to;

    @Override
    protected void execute() {
        var version = ctx().registry().rollback(name, SemVer.parse(to));
        out().print(
                        SkillViews.version(version, false),
                        () -> out().line("rolled back " + version.skillName() + " to " + version.version()));
    }
}
