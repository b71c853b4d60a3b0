package dev.cfn.agents.spawn;

import dev.cfn.agents.DefaultRuntime;
import dev.cfn.agents.RuntimeKind;
import dev.cfn.agents.claude.ClaudeExecutable;
import java.util.Map;

/**
 * The runtime of definitions that name neither runtime nor command. Apart from {@link AgentSpawner}
 * so that reading definitions ({@code cfn agent list}) loads none of the runtimes.
 */
public final class RuntimeDefaults {
    private RuntimeDefaults() {}

    /**
     * {@code claude-code} when the Claude Code CLI is found in {@code env} (cfn's environment:
     * {@code CFN_CLAUDE_BIN}, else PATH), else {@code anthropic}; with the reason, for {@code cfn
     * agent show}.
     */
    public static DefaultRuntime detect(Map<String, String> env) {
        return ClaudeExecutable.find(env)
                .map(c -> new DefaultRuntime(RuntimeKind.CLAUDE_CODE, "the claude CLI was found at " + c))
                .orElseGet(() -> new DefaultRuntime(
                        RuntimeKind.ANTHROPIC,
                        "the claude CLI was not found (" + ClaudeExecutable.BIN_VARIABLE
                                + ", claude.bin in the config, PATH)"));
    }
}
