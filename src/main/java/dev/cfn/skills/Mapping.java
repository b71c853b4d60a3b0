package dev.cfn.skills;

import dev.cfn.skills.file.SkillNames;
import java.util.List;
import java.util.Objects;

/**
 * Which skills an agent type loads: priority 1 (highest) to 10, required first, enabled or not,
 * and conditions on the phase and task keywords (empty lists mean "always").
 *
 * @param pinnedVersion a version the agent type keeps whatever is deployed, or null
 */
public record Mapping(
        String agentType,
        String skill,
        int priority,
        boolean required,
        boolean enabled,
        Conditions conditions,
        String pinnedVersion) {
    public Mapping {
        SkillNames.requireAgentType(agentType);
        Objects.requireNonNull(conditions, "conditions");
        if (priority < 1 || priority > 10) {
            throw new dev.cfn.InvalidInputException("--priority must be 1 (highest) to 10, but was " + priority);
        }
    }

    /** Conditions under which a mapping applies; an empty list places no condition. */
    public record Conditions(List<String> phases, List<String> keywords, List<String> modes) {
        public static final Conditions NONE = new Conditions(List.of(), List.of(), List.of());

        public Conditions {
            phases = List.copyOf(phases);
            keywords = List.copyOf(keywords);
            modes = List.copyOf(modes);
        }

        public boolean isEmpty() {
            return phases.isEmpty() && keywords.isEmpty() && modes.isEmpty();
        }

        /** Phase and mode must match when both sides name one; one shared keyword suffices. */
        public boolean admits(String phase, List<String> taskKeywords, String mode) {
            if (!phases.isEmpty() && phase != null && !phases.contains(phase)) {
                return false;
            }
            if (!modes.isEmpty() && mode != null && !modes.contains(mode)) {
                return false;
            }
            if (keywords.isEmpty() || taskKeywords.isEmpty()) {
                return true;
            }
            for (String k : taskKeywords) {
                if (keywords.contains(k)) {
                    return true;
                }
            }
            return false;
        }
    }
}
