package dev.cfn.skills;

import dev.cfn.skills.file.SkillNames;
import java.util.List;

/**
 * Which skills to load: an agent type, and optionally the phase, task keywords and mode that
 * mappings' conditions are matched against (null or empty: no filter).
 */
public record LoadRequest(String agentType, String phase, List<String> keywords, String mode) {
    public LoadRequest {
        SkillNames.requireAgentType(agentType);
        keywords = keywords == null ? List.of() : List.copyOf(keywords);
    }

    public static LoadRequest of(String agentType) {
        return new LoadRequest(agentType, null, List.of(), null);
    }
}
