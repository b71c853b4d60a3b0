package dev.cfn.cli.skill;

import dev.cfn.cli.CfnSubcommand;
import dev.cfn.skills.file.SkillNames;
import dev.cfn.store.UsageEvent;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
        name = "log",
        description = "Record one use of a skill: a row in skill_usage_log and a line in <home>/logs/usage.jsonl.",
        footer = {
            "",
            "Example: cfn skill log --agent-id coder-1-1 --agent-type coder --skill tdd-workflow --exit-code 0"
        })
public final class SkillLogCommand extends CfnSubcommand {
    @Option(names = "--agent-id", required = true, paramLabel = "ID")
    String agentId;

    @Option(names = "--agent-type", required = true, paramLabel = "T")
    String agentType;

    @Option(names = "--skill", required = true, paramLabel = "NAME")
    String skill;

    @Option(names = "--version", paramLabel = "V", description = "Version used (default: the deployed one).")
    String version;

    @Option(names = "--task", paramLabel = "T")
    String task;

    @Option(names = "--phase", paramLabel = "P")
    String phase;

    @Option(names = "--exit-code", paramLabel = "N")
    Integer exitCode;

    @Option(names = "--duration-ms", paramLabel = "N")
    Long durationMs;

    @Option(names = "--confidence-before", paramLabel = "X")
    Double confidenceBefore;

    @Option(names = "--confidence-after", paramLabel = "Y")
    Double confidenceAfter;

    @Override
    protected void execute() {
        SkillNames.requireAgentType(agentType);
        SkillNames.requireSkillName("--skill", skill);
        if (agentId.isBlank() || agentId.length() > 128) {
            throw new dev.cfn.InvalidInputException("--agent-id must be 1-128 characters");
        }
        if (version != null) {
            dev.cfn.skills.file.SemVer.parse(version);
        }
        var event = new UsageEvent(
                agentId,
                agentType,
                skill,
                version,
                task,
                phase,
                exitCode,
                durationMs,
                confidenceBefore,
                confidenceAfter);
        long id = ctx().usageLog().log(event);
        out().print(Map.of("id", id), () -> out().line("logged usage #" + id + " of " + skill));
    }
}
