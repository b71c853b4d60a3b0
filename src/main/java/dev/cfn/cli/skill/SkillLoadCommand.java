package dev.cfn.cli.skill;

import dev.cfn.cli.CfnSubcommand;
import dev.cfn.skills.LoadRequest;
import dev.cfn.skills.SkillLoader;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
        name = "load",
        description = {
            "What an agent of this type gets: the enabled mappings of active skills.",
            "",
            "Required skills first, then by priority 1..10, then by name; mapping conditions filter"
                    + " by phase and task keywords."
        },
        footer = {"", "Example: cfn skill load --agent backend-developer --phase loop3 --keywords api,auth --json"})
public final class SkillLoadCommand extends CfnSubcommand {
    @Option(names = "--agent", required = true, paramLabel = "TYPE", description = "Agent type.")
    String agent;

    @Option(names = "--phase", paramLabel = "P", description = "Current phase (e.g. loop3).")
    String phase;

    @Option(names = "--keywords", paramLabel = "k1,k2", description = "Task keywords.")
    String keywords;

    @Option(names = "--mode", paramLabel = "M", description = "Loop mode (mvp, standard, enterprise).")
    String mode;

    @Override
    protected void execute() {
        var request = new LoadRequest(agent, phase, SkillViews.csv(keywords), mode);
        // One load per process: no cache to fill (ctx().loader() would set up Caffeine for nothing).
        var skills = SkillLoader.loadOnce(ctx().database(), request);
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("agent_type", agent);
        doc.put("skills", skills.stream().map(SkillViews::loaded).toList());
        out().print(doc, () -> {
            if (skills.isEmpty()) {
                out().line("no skills are deployed to agent type '" + agent + "'");
            }
            skills.forEach(s -> out().line(s.name() + " " + s.version() + "  priority " + s.priority()
                    + (s.required() ? "  required" : "") + "  sha256 "
                    + s.contentHash().substring(0, 12)));
        });
    }
}
