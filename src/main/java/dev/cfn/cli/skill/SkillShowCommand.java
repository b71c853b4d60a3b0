package dev.cfn.cli.skill;

import dev.cfn.cli.CfnSubcommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
        name = "show",
        description = "Print a skill's content (default: the deployed version, else the latest).",
        footer = {"", "Example: cfn skill show tdd-workflow --version 1.0.0"})
public final class SkillShowCommand extends CfnSubcommand {
    @Parameters(paramLabel = "NAME", description = "Skill name.")
    String name;

    @Option(names = "--version", paramLabel = "V", description = "Show this version.")
    String version;

    @Override
    protected void execute() {
        var registry = ctx().registry();
        var v = registry.version(name, SkillViews.versionOrNull(version));
        if (out().json()) {
            var doc = SkillViews.version(v, true);
            doc.put("skill_status", registry.skill(name).status().label());
            doc.put(
                    "mappings",
                    registry.mappings(name).stream().map(SkillViews::mapping).toList());
            out().print(doc, () -> {});
        } else {
            out().err()
                    .println("# " + v.skillName() + " " + v.version() + " ("
                            + v.state().label() + ", sha256 " + v.contentHash().substring(0, 12) + ")");
            out().err().flush();
            out().text(v.content());
        }
    }
}
