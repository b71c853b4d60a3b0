package dev.cfn.cli.skill;

import dev.cfn.cli.CfnSubcommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
        name = "deprecate",
        description = "Stop loading a skill (its versions and history are kept); optionally name its replacement.",
        footer = {"", "Example: cfn skill deprecate old-review --replacement code-review --note 'merged'"})
public final class SkillDeprecateCommand extends CfnSubcommand {
    @Parameters(paramLabel = "NAME", description = "Skill name.")
    String name;

    @Option(names = "--replacement", paramLabel = "OTHER", description = "The skill to use instead.")
    String replacement;

    @Option(names = "--note", paramLabel = "TEXT", description = "Why it is deprecated.")
    String note;

    @Override
    protected void execute() {
        var skill = ctx().registry().deprecate(name, replacement, note);
        out().print(
                        SkillViews.skill(skill),
                        () -> out().line("deprecated " + skill.name()
                                + (skill.replacement() == null ? "" : " (use " + skill.replacement() + ")")));
    }
}
