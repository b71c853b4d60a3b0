package dev.cfn.cli.skill;

import dev.cfn.cli.CfnSubcommand;
import dev.cfn.skills.DeployRequest;
import dev.cfn.skills.Mapping;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
        name = "deploy",
        description = {
            "Deploy an approved version (default: the newest approved) to agent types.",
            "",
            "It becomes the skill's deployed version; each agent type's mapping is created or"
                    + " updated. Exit 4 if the version is not approved."
        },
        footer = {
            "",
            "Example: cfn skill deploy tdd-workflow --agents backend-developer,tester --priority 2 --phase loop3"
        })
public final class SkillDeployCommand extends CfnSubcommand {
    @Parameters(paramLabel = "NAME", description = "Skill name.")
    String name;

    @Option(names = "--version", paramLabel = "V", description = "Version to deploy.")
    String version;

    @Option(names = "--agents", required = true, paramLabel = "a,b", description = "Agent types, comma-separated.")
    String agents;

    @Option(
            names = "--priority",
            defaultValue = "5",
            paramLabel = "1-10",
            description = "1 = loaded first (default 5).")
    int priority;

    @Option(names = "--required", description = "Always load, before optional skills.")
    boolean required;

    @Option(names = "--phase", paramLabel = "P", description = "Load only in these phases (comma-separated).")
    String phase;

    @Option(names = "--keywords", paramLabel = "k1,k2", description = "Load only for tasks with one of these keywords.")
    String keywords;

    @Option(names = "--pin", description = "Keep these agent types on this exact version through later updates.")
    boolean pin;

    @Override
    protected void execute() {
        var conditions = new Mapping.Conditions(SkillViews.csv(phase), SkillViews.csv(keywords), List.of());
        var request = new DeployRequest(
                name, SkillViews.versionOrNull(version), SkillViews.csv(agents), priority, required, conditions, pin);
        var deployed = ctx().registry().deploy(request);
        var doc = SkillViews.version(deployed, false);
        doc.put("agents", request.agentTypes());
        out().print(
                        doc,
                        () -> out().line("deployed " + deployed.skillName() + " " + deployed.version() + " to "
                                + String.join(", ", request.agentTypes())));
    }
}
