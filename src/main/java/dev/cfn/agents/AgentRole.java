package dev.cfn.agents;

import java.util.Locale;

/** What an agent does in the CFN Loop. */
public enum AgentRole {
    /** Loop 3: does the work and reports confidence. */
    IMPLEMENTER,
    /** Loop 2: checks the work; its confidence is its vote. */
    VALIDATOR,
    /** Decides PROCEED, ITERATE or ABORT from the gate and consensus figures. */
    PRODUCT_OWNER;

    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
