package dev.cfn.cli.skill;

import dev.cfn.cli.CfnSubcommand;
import dev.cfn.skills.file.SkillFile;
import dev.cfn.skills.file.SkillTree;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(
        name = "propose",
        description = {
            "Propose new skills or new versions from SKILL.md files or folders (a folder: its */SKILL.md).",
            "",
            "A new version must be semver-greater than the latest and its content must differ (else"
                    + " exit 4). Skills of the categories coordination, foundation and testing approve"
                    + " themselves; infrastructure and domain skills wait for review."
        },
        footer = {"", "Example: cfn skill propose examples/skills/tdd-workflow/SKILL.md"})
public final class SkillProposeCommand extends CfnSubcommand {
    @Parameters(arity = "1..*", paramLabel = "PATH", description = "SKILL.md files or folders.")
    List<Path> paths;

    @Override
    protected void execute() {
        List<Path> files = new ArrayList<>();
        for (Path p : paths) {
            files.addAll(SkillTree.find(p, false));
        }
        List<SkillFile> parsed = SkillTree.parseAll(ctx().registry().parser(), files, n -> {});
        parsed.forEach(f -> f.warnings().forEach(out()::warn));
        var results = ctx().registry().propose(parsed, null, false);
        out().print(
                        results.stream().map(SkillViews::proposed).toList(),
                        () -> results.forEach(r -> out().line("proposed " + r.skill() + " " + r.version() + " ("
                                + r.state().label() + ")")));
    }
}
