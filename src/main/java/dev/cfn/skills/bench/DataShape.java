package dev.cfn.skills.bench;

/**
 * How much data a benchmark registry holds.
 *
 * @param skills skills, each with an approved and deployed 1.0.0 (some also a rejected 0.9.0 or
 *     a 1.1.0 awaiting review)
 * @param agentTypes agent types with mappings
 * @param mappingsPerAgentType skills mapped to each agent type
 * @param usageRows rows of skill_usage_log, spread over the last 60 days
 */
public record DataShape(int skills, int agentTypes, int mappingsPerAgentType, int usageRows) {
    /** The issue's scale: 1,000 skills, 5,000 mappings (500 agent types x 10), 50,000 usage rows. */
    public static final DataShape ISSUE = new DataShape(1000, 500, 10, 50_000);

    public DataShape {
        if (skills < 1 || agentTypes < 1 || mappingsPerAgentType < 0 || usageRows < 0) {
            throw new IllegalArgumentException("a data shape needs skills and agent types, but was " + skills + "/"
                    + agentTypes + "/" + mappingsPerAgentType + "/" + usageRows);
        }
        if (mappingsPerAgentType > skills) {
            throw new IllegalArgumentException(
                    "mappingsPerAgentType must be <= skills (" + skills + "), but was " + mappingsPerAgentType);
        }
    }

    public int mappings() {
        return agentTypes * mappingsPerAgentType;
    }

    /** The i-th skill (0-based) of every benchmark registry. */
    public static String skillName(int i) {
        return String.format("bench-skill-%05d", i);
    }

    /** The i-th agent type (0-based). */
    public static String agentType(int i) {
        return String.format("agent-type-%05d", i);
    }

    /**
     * The skill of agent type {@code a}'s k-th mapping: distinct for distinct k (101 is prime to
     * any count of skills not divisible by 101), spread over all skills.
     */
    public int mappedSkill(int agentType, int k) {
        return Math.floorMod(agentType * 37 + k * 101, skills);
    }
}
