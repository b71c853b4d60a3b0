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
            "The file's version must be greater than the latest and match --change (else exit 4)."
                    + " A skill whose level is auto is approved and deployed at once; loaders see it at once.",
            "",
            "A skill that needs review (level escalate or human: the stricter of the current and the new"
                    + " version's category) gets a pending version instead: the deployed version stays until"
                    + " 'cfn skill approve', which then deploys it to the same agent types."
        },
        footer = {"", "Example: cfn skill update tdd-workflow ./SKILL.md --change minor"})
public final class SkillUpdateCommand extends CfnSubcommand {
    @Parameters(index = "0", paramLabel = "NAME", description = "Skill name.")
    String name;

    @Parameters(index = "1", paramLabel = "FILE", description = "The new SKILL.md.")
    Path file;

    @Option(names = "--change", paramLabel = "patch|minor|major", description = "Declared kind of change.")
    String change;

    @Option(
            names = "--approver",
            paramLabel = "WHO",
            description = "Recorded as the approver of an auto-level update; a review-level update waits for"
                    + " 'cfn skill approve' whatever this says.")
    String approver;

    @Override
    protected void execute() {
        ChangeType type = change == null ? null : ChangeType.parse(change);
        dev.cfn.skills.file.SkillNames.requireSkillName("skill name", name);
        SkillFile parsed = ctx().registry().parser().read(file, name);
        parsed.warnings().forEach(out()::warn);
        var version = ctx().registry().update(name, parsed, type, approver);
        boolean pending = version.state().awaitsDecision();
        if (pending && approver != null) {
            out().warn("--approver does not approve an update that needs review: run 'cfn skill approve'");
        }
        var doc = SkillViews.version(version, false);
        if (pending) {
            doc.put("deployed", ctx().registry().skill(name).deployedVersion());
            doc.put("needs", dev.cfn.skills.SkillRegistry.approverNeeded(version.approvalLevel()));
        }
        out().print(doc, () -> {
            if (!pending) {
                out().line("updated " + version.skillName() + " to " + version.version() + " (approved, deployed)");
                return;
            }
            out().line(version.skillName() + " " + version.version() + " is pending (level "
                    + version.approvalLevel().label() + "): " + doc.get("needs") + " must approve it with 'cfn skill"
                    + " approve " + version.skillName() + " --version " + version.version()
                    + " --approver WHO'; " + doc.get("deployed") + " stays deployed until then");
        });
    }
}
