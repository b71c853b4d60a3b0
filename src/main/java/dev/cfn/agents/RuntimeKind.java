package dev.cfn.agents;

import java.util.Locale;

/**
 * How an agent runs: a command (child process), a test command scored by evidence, the Claude Code
 * CLI ({@code claude -p}, one process per agent), or cfn's own agent loop on a model API: the
 * Anthropic Messages API, or any OpenAI-compatible Chat Completions API.
 */
public enum RuntimeKind {
    COMMAND,
    TEST,
    ANTHROPIC,
    OPENAI,
    CLAUDE_CODE;

    /** The name written in a definition's {@code runtime:} ({@code claude-code} for CLAUDE_CODE). */
    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** True for the runtimes that run a model (no {@code command}). */
    public boolean isLlm() {
        return this == ANTHROPIC || this == OPENAI || this == CLAUDE_CODE;
    }
}
