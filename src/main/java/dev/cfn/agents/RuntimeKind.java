package dev.cfn.agents;

import java.util.Locale;

/** How an agent runs: a command (child process), a test command scored by evidence, or an LLM API call. */
public enum RuntimeKind {
    COMMAND,
    TEST,
    ANTHROPIC;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
