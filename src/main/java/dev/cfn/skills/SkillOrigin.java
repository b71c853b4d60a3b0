package dev.cfn.skills;

import dev.cfn.InvalidInputException;

/**
 * Where a version came from when not from a person's propose or import: an update awaiting review
 * ({@link #UPDATE}, approving it deploys it), or a proposal made on someone's behalf, e.g. a loop
 * run's reflector ({@link #REFLECTION}, with the run id) or an MCP client ({@link #MCP}), which waits for approval whatever its
 * category.
 *
 * @param generatedBy a short word: {@code update}, {@code reflection}, ...
 * @param runId the loop run it came from, or null
 */
public record SkillOrigin(String generatedBy, String runId) {
    public static final String UPDATE = "update";
    public static final String REFLECTION = "reflection";
    public static final String MCP = "mcp";

    public SkillOrigin {
        if (generatedBy == null || !generatedBy.matches("[a-z][a-z0-9_-]{0,31}")) {
            throw new InvalidInputException("generated_by must be a lower-case word, but was '" + generatedBy + "'");
        }
    }

    public static SkillOrigin reflection(String runId) {
        return new SkillOrigin(REFLECTION, runId);
    }

    /** Proposed by an MCP client through {@code skill_propose} ({@code cfn mcp}, {@code cfn serve}'s {@code /mcp}). */
    public static SkillOrigin mcp() {
        return new SkillOrigin(MCP, null);
    }

    /** True when approving the version also deploys it to the skill's mappings. */
    public boolean deploysOnApproval() {
        return UPDATE.equals(generatedBy);
    }

    /** {@code reflection (run abc)}, or the word alone. */
    public String describe() {
        return runId == null ? generatedBy : generatedBy + " (run " + runId + ")";
    }
}
