package dev.cfn.skills;

/**
 * What proposing one SKILL.md did.
 *
 * @param outcome CREATED a new skill, ADDED_VERSION to an existing one, or UNCHANGED (only from an
 *     import, for a file identical to the latest version)
 */
public record ProposeResult(String skill, String version, VersionState state, Outcome outcome) {
    public enum Outcome {
        CREATED,
        ADDED_VERSION,
        UNCHANGED
    }
}
