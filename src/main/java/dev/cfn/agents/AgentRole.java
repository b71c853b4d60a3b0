package dev.cfn.agents;

import java.util.List;
import java.util.Locale;

/** What an agent does in the CFN Loop. */
public enum AgentRole {
    /** Loop 3: does the work and reports confidence. */
    IMPLEMENTER,
    /** Loop 2: checks the work; its confidence is its vote. */
    VALIDATOR,
    /** Decides PROCEED, ITERATE or ABORT from the gate and consensus figures. */
    PRODUCT_OWNER,
    /**
     * Loop 5: after a PROCEED, reads the run's history and may propose SKILL.md documents (its
     * answer's {@code skills}), which wait for approval in the registry.
     */
    REFLECTOR;

    /**
     * The tools (Claude Code's names) an LLM agent of this role may use when its definition lists
     * none: the same for every LLM runtime, so a definition behaves alike wherever it runs.
     * Implementers change files and run commands; validators read and run (tests) but do not edit;
     * product owners only read.
     */
    public List<String> defaultTools() {
        return switch (this) {
            case IMPLEMENTER -> List.of("Read", "Write", "Edit", "Glob", "Grep", "Bash");
            case VALIDATOR -> List.of("Read", "Glob", "Grep", "Bash");
            case PRODUCT_OWNER, REFLECTOR -> List.of("Read", "Glob", "Grep");
        };
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
