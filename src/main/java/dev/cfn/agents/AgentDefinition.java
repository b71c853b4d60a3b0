package dev.cfn.agents;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An agent as defined by a {@code .claude/agents/**}{@code /*.md} file: Claude Code subagent front
 * matter plus cfn's keys, and the body as the agent's instructions.
 *
 * @param command the argv for {@link RuntimeKind#COMMAND} and {@link RuntimeKind#TEST} runtimes
 * @param timeout explicit timeout, or null to use {@code complexity}'s default
 * @param memory a memory limit such as {@code 512m}, or null
 * @param cpus a CPU limit such as 1.5, or null
 * @param extra every other front-matter key, kept
 * @param env what the definition adds to the agent's environment ({@code env:})
 * @param text the file's content as read when the run started (what a {@code cfn worker} is sent,
 *     so an agent that edits the file mid-run changes nothing); null when not read from a file
 */
public record AgentDefinition(
        String name,
        String description,
        List<String> tools,
        String model,
        RuntimeKind runtime,
        List<String> command,
        AgentRole role,
        Complexity complexity,
        Duration timeout,
        boolean warm,
        String memory,
        Double cpus,
        String body,
        Path source,
        Map<String, Object> extra,
        AgentEnv env,
        String text) {
    public AgentDefinition {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(runtime, "runtime");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(complexity, "complexity");
        tools = List.copyOf(tools);
        command = List.copyOf(command);
        extra = Map.copyOf(extra);
        description = description == null ? "" : description;
        body = body == null ? "" : body;
        env = env == null ? AgentEnv.NONE : env;
    }

    /** A definition made in code (tests, benchmarks): no {@code env:} and no file content. */
    public AgentDefinition(
            String name,
            String description,
            List<String> tools,
            String model,
            RuntimeKind runtime,
            List<String> command,
            AgentRole role,
            Complexity complexity,
            Duration timeout,
            boolean warm,
            String memory,
            Double cpus,
            String body,
            Path source,
            Map<String, Object> extra) {
        this(
                name,
                description,
                tools,
                model,
                runtime,
                command,
                role,
                complexity,
                timeout,
                warm,
                memory,
                cpus,
                body,
                source,
                extra,
                AgentEnv.NONE,
                null);
    }

    /** The value of another front-matter key ({@code reports}, {@code base_url} ...) as text, or null. */
    public String extraText(String key) {
        Object value = extra.get(key);
        return value == null || value instanceof Map<?, ?> || value instanceof List<?> ? null : value.toString();
    }

    /**
     * {@code max_turns}: the most model turns an LLM agent may take, or null when the definition
     * sets none (the runtime's default applies). Checked when the definition is read.
     */
    public Integer maxTurns() {
        String value = extraText("max_turns");
        try {
            return value == null ? null : Integer.valueOf(value.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** The tools an LLM agent may use: its {@code tools:}, else its role's {@link AgentRole#defaultTools()}. */
    public List<String> toolsOrDefault() {
        return tools.isEmpty() ? role.defaultTools() : tools;
    }

    /** The same definition on {@code kind} (e.g. the runtime the orchestrator chose for a worker). */
    public AgentDefinition withRuntime(RuntimeKind kind) {
        return new AgentDefinition(
                name,
                description,
                tools,
                model,
                kind,
                command,
                role,
                complexity,
                timeout,
                warm,
                memory,
                cpus,
                body,
                source,
                extra,
                env,
                text);
    }

    /** The front-matter key that says how a Claude Code agent gets its skills. */
    public static final String SKILL_MODE = "skill_mode";

    /** The values of {@link #SKILL_MODE}: the first is the default. */
    public static final List<String> SKILL_MODES = List.of("prompt", "plugin");

    /**
     * {@code skill_mode}: how a Claude Code agent gets its loaded skills: {@code prompt} (the default,
     * every skill's text in its system prompt) or {@code plugin} (written as Claude Code skills of a
     * run-private plugin, loaded on demand by Claude Code's Skill tool). Checked when the definition
     * is read.
     */
    public String skillMode() {
        String value = extraText(SKILL_MODE);
        return value == null ? SKILL_MODES.get(0) : value.strip();
    }

    /** The timeout that applies: the explicit one, else the complexity's default. */
    public Duration effectiveTimeout() {
        return timeout != null ? timeout : complexity.defaultTimeout();
    }

    /**
     * {@code max_cost_usd}: the most one run of this agent may cost, in US dollars (an agent that
     * spends more is ended and fails), or null when the definition sets none. Checked when the
     * definition is read.
     */
    public Double maxCostUsd() {
        String value = extraText("max_cost_usd");
        try {
            return value == null ? null : Double.valueOf(value.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }
    /**
     * {@code sandbox: container}: the agent's process runs in a container (see docs/deployment.md);
     * absent or {@code none}: on the host. Checked when the definition is read.
     */
    public boolean inContainer() {
        String value = extraText("sandbox");
        return value != null && value.strip().equalsIgnoreCase("container");
    }

    /** {@code image}: the container image of a sandboxed agent, or null for the configured default. */
    public String image() {
        String value = extraText("image");
        return value == null || value.isBlank() ? null : value.strip();
    }

    /** {@code network: true}: a sandboxed agent may use the network (off by default). */
    public boolean network() {
        String value = extraText("network");
        return value != null
                && List.of("true", "yes", "on").contains(value.strip().toLowerCase(java.util.Locale.ROOT));
    }

    /** {@code pids}: the most processes a sandboxed agent may have at once, or null for the default. */
    public Integer pids() {
        String value = extraText("pids");
        try {
            return value == null ? null : Integer.valueOf(value.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** The same definition with the front-matter key {@code key} set to {@code value} (e.g. {@code sandbox}). */
    public AgentDefinition withExtra(String key, Object value) {
        Map<String, Object> changed = new java.util.HashMap<>(extra);
        changed.put(key, value);
        return new AgentDefinition(
                name,
                description,
                tools,
                model,
                runtime,
                command,
                role,
                complexity,
                timeout,
                warm,
                memory,
                cpus,
                body,
                source,
                changed,
                env,
                text);
    }
}
