package dev.cfn.agents.mcp;

import dev.cfn.skills.LoadRequest;
import dev.cfn.skills.LoadedSkill;
import dev.cfn.skills.SkillJson;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * {@code skills_for_agent}: what {@code cfn skill load --json} prints (the enabled mappings of
 * active skills for an agent type, filtered by phase and task keywords), through the same loader.
 * Offered by {@code cfn mcp} and to the agents cfn runs.
 */
public final class SkillsForAgentTool {
    public static final String NAME = "skills_for_agent";

    private SkillsForAgentTool() {}

    public static SyncToolSpecification of(Function<LoadRequest, List<LoadedSkill>> loader) {
        return McpTools.tool(
                NAME,
                "The skills (SKILL.md text, deployed versions) an agent of this type gets, as cfn skill load --json:"
                        + " required first, then by priority; mapping conditions filter by phase and task keywords.",
                McpTools.schema(
                        List.of("agent_type"),
                        "agent_type",
                        McpTools.property("string", "Agent type, e.g. backend-developer."),
                        "phase",
                        McpTools.property("string", "Current phase: loop3, loop2 or product-owner."),
                        "keywords",
                        McpTools.strings("Task keywords."),
                        "mode",
                        McpTools.property("string", "Loop mode: mvp, standard or enterprise.")),
                (exchange, args) -> {
                    args.only(Set.of("agent_type", "phase", "keywords", "mode"));
                    String agent = args.requiredText("agent_type");
                    var request = new LoadRequest(agent, args.text("phase"), args.texts("keywords"), args.text("mode"));
                    Map<String, Object> doc = new LinkedHashMap<>();
                    doc.put("agent_type", agent);
                    doc.put(
                            "skills",
                            loader.apply(request).stream()
                                    .map(SkillJson::loaded)
                                    .toList());
                    return doc;
                });
    }
}
