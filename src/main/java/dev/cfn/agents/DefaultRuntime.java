package dev.cfn.agents;

import java.util.Objects;

/**
 * The runtime of a definition that names neither a {@code runtime} nor a {@code command}, and why:
 * {@code claude-code} when the Claude Code CLI is found, else {@code anthropic}. Chosen once, when
 * the definitions of a run are read.
 *
 * @param why one clause for {@code cfn agent show}, e.g. {@code the claude CLI was found at
 *     /usr/bin/claude (PATH)}
 */
public record DefaultRuntime(RuntimeKind kind, String why) {
    /** The API runtime, for callers that do not look for the CLI (tests, definitions made in code). */
    public static final DefaultRuntime ANTHROPIC = new DefaultRuntime(RuntimeKind.ANTHROPIC, "the API runtime");

    public DefaultRuntime {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(why, "why");
        if (!kind.isLlm()) {
            throw new IllegalArgumentException("the default runtime must run a model, but was " + kind.label());
        }
    }
}
