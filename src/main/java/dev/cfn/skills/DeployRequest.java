package dev.cfn.skills;

import dev.cfn.InvalidInputException;
import dev.cfn.skills.file.SemVer;
import dev.cfn.skills.file.SkillNames;
import java.util.List;

/**
 * Deploy a skill's version (null: the newest approved one) to agent types with one mapping shape.
 *
 * @param pin keep these agent types on this exact version even after later updates
 */
public record DeployRequest(
        String skill,
        SemVer version,
        List<String> agentTypes,
        int priority,
        boolean required,
        Mapping.Conditions conditions,
        boolean pin) {
    public DeployRequest {
        SkillNames.requireSkillName("skill name", skill);
        agentTypes = List.copyOf(agentTypes);
        if (agentTypes.isEmpty()) {
            throw new InvalidInputException("--agents must name at least one agent type");
        }
        agentTypes.forEach(SkillNames::requireAgentType);
        if (priority < 1 || priority > 10) {
            throw new InvalidInputException("--priority must be 1 (highest) to 10, but was " + priority);
        }
    }
}
