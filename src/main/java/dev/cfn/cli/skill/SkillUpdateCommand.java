package dev.cfn.cli.skill;

import dev.cfn.cli.CfnSubcommand;
import dev.cfn.skills.file.ChangeType;
import dev.cfn.skills.file.SkillFile;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
        name = "update",
        description = {
            "New version + approval + re-deploy to the same agent types, in one transaction.",
            "",
            "The file's version must be greater than the latest and match --change (else exit 4);"
                    + " skills that need review need --approver (else exit 4). Loaders see it at once."
        },
        footer = {"", "Example: cfn skill update tdd-workflow ./SKILL.md --change minor"})
public final class SkillUpdateCommand extends CfnSubcommand {
    @Parameters(index = "0", paramLabel = "NAME", description = "Skill name.")
    String name;

    @Parameters(index = "1", paramLabel = "FILE", description = "The new SKILL.md.")
    Path file;

    @Option(names = "--change", paramLabel = "patch|minor|major", description = "Declared kind of change.")
    String change;

    @Option(names = "--approver", paramLabel = "WHO", description = "Approver, for skills that need review.")
    String approver;

    @Override
    protected void execute() {
        ChangeType type = change == null ? null : ChangeType.parse(change);
        dev.cfn.skills.file.SkillNames.requireSkillName("skill name", name);
        SkillFile parsed = ctx().registry().parser().read(file, name);
        parsed.warnings().forEach(out()::warn);
        var version = ctx().registry().update(name, parsed, type, approver);
        out().print(
                        SkillViews.version(version, false),
                        () -> out().line("updated " + version.skillName() + " to " + version.version()
                                + " (approved, deployed)"));
    }
}
