package dev.cfn.worker;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import dev.cfn.InvalidInputException;
import dev.cfn.agents.AgentDefinition;
import dev.cfn.agents.AgentInvocation;
import dev.cfn.agents.RuntimeKind;
import dev.cfn.agents.definition.AgentDefinitionParser;
import dev.cfn.agents.definition.ParsedAgentFile;
import dev.cfn.coord.IdempotencyKey;
import dev.cfn.git.GitTransfer;
import dev.cfn.json.Json;
import dev.cfn.protocol.Phase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiFunction;

/**
 * One agent invocation as a self-contained queue entry: the definition file's path and content
 * (a worker parses it again, so {@code ./script} commands resolve beside the same path), the
 * invocation's fields, its idempotency key, where to signal the result, and a deadline after
 * which no worker should start it (the orchestrator stopped waiting).
 *
 * @param replyTask the coordinator task the result is signalled on (agent: the agent id)
 * @param deadlineMs epoch milliseconds; past it the task is dropped unrun
 */
public record QueuedTask(
        IdempotencyKey key, String replyTask, long deadlineMs, AgentInvocation invocation, GitTransfer.Snapshot git) {

    public QueuedTask {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(replyTask, "replyTask");
        Objects.requireNonNull(invocation, "invocation");
    }

    /** A task whose workdir the worker shares with the orchestrator (same path, shared disk). */
    public QueuedTask(IdempotencyKey key, String replyTask, long deadlineMs, AgentInvocation invocation) {
        this(key, replyTask, deadlineMs, invocation, null);
    }

    /** The entry's JSON; {@code definitionText} is the content of the definition's file. */
    public String encode(String definitionText) {
        AgentInvocation inv = invocation;
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("v", 1);
        m.put("run", key.run());
        m.put("iteration", key.iteration());
        m.put("agent", key.agent());
        m.put("reply_task", replyTask);
        m.put("deadline_ms", deadlineMs);
        m.put("definition_path", inv.definition().source().toAbsolutePath().toString());
        m.put("definition", definitionText);
        // The runtime was chosen when the run started (claude-code or anthropic for a definition
        // naming none): the worker runs the same, whether or not it has the claude CLI itself.
        m.put("runtime", inv.definition().runtime().label());
        // The sandbox too: a run's --sandbox is not in the definition's text.
        m.put("sandbox", inv.definition().inContainer() ? "container" : "none");
        m.put("task_id", inv.taskId());
        m.put("loop", inv.phase().label());
        m.put("mode", inv.mode());
        m.put("workdir", inv.workdir().toAbsolutePath().toString());
        m.put("input", inv.input());
        m.put("env", inv.env());
        m.put("timeout_ms", inv.timeout().toMillis());
        if (git != null) {
            // the workdir travels as a git bundle: the worker needs no shared disk
            m.put(
                    "git",
                    Map.of(
                            "project", git.project(),
                            "commit", git.commit(),
                            "prefix", git.prefix(),
                            "bundle", java.util.Base64.getEncoder().encodeToString(git.bundle())));
        }
        try {
            return Json.mapper().writeValueAsString(m);
        } catch (JsonProcessingException e) {
            throw new InvalidInputException(
                    "agent " + inv.agentId() + ": input cannot be sent to a worker: " + e.getOriginalMessage());
        }
    }

    /**
     * The definition file's content, for {@link #encode}: as read when the run started (an agent may
     * have edited the file since); read now only for a definition that kept no text.
     */
    public static String definitionText(AgentDefinition definition) {
        if (definition.text() != null) {
            return definition.text();
        }
        if (definition.source() == null) {
            throw new InvalidInputException("agent '" + definition.name() + "' has no definition file to send");
        }
        try {
            return Files.readString(definition.source());
        } catch (IOException e) {
            throw new InvalidInputException(definition.source() + ": cannot read: " + e.getMessage());
        }
    }

    /**
     * Reads an entry written by {@link #encode}, parsing the definition again.
     *
     * @param logDir where this worker keeps agent logs
     * @throws InvalidInputException if the entry or its definition is not usable
     */
    public static QueuedTask decode(String json, Path logDir) {
        return decode(json, logDir, QueuedTask::parseDefinition);
    }

    /**
     * As {@link #decode(String, Path)}, with the definition parsed by {@code definitions} (a worker
     * caches them: the same few definitions arrive with every task).
     */
    public static QueuedTask decode(String json, Path logDir, BiFunction<Path, String, AgentDefinition> definitions) {
        Map<String, Object> m;
        try {
            m = Json.mapper().readValue(json, new TypeReference<Map<String, Object>>() {});
        } catch (JsonProcessingException e) {
            throw new InvalidInputException("queue entry is not valid JSON: " + e.getOriginalMessage());
        }
        try {
            IdempotencyKey key =
                    new IdempotencyKey(text(m, "run"), ((Number) m.get("iteration")).intValue(), text(m, "agent"));
            AgentDefinition definition = chosenRuntime(
                    definitions.apply(Path.of(text(m, "definition_path")), text(m, "definition")), m.get("runtime"));
            if (m.get("sandbox") instanceof String sandbox && (sandbox.equals("container") || sandbox.equals("none"))) {
                definition = definition.withExtra("sandbox", sandbox);
            }
            AgentInvocation inv = new AgentInvocation(
                    definition,
                    text(m, "task_id"),
                    key.agent(),
                    key.iteration(),
                    Phase.of("loop", text(m, "loop")),
                    (String) m.get("mode"),
                    Path.of(text(m, "workdir")),
                    map(m.get("input")),
                    strings(m.get("env")),
                    Duration.ofMillis(((Number) m.get("timeout_ms")).longValue()),
                    logDir);
            return new QueuedTask(
                    key, text(m, "reply_task"), ((Number) m.get("deadline_ms")).longValue(), inv, git(m.get("git")));
        } catch (ClassCastException | NullPointerException e) {
            throw new InvalidInputException(
                    "queue entry lacks a field or has one of the wrong type: " + e.getMessage());
        }
    }

    /**
     * Parses a definition file's content as if read from {@code source}.
     *
     * @throws InvalidInputException if it is not a usable agent definition
     */
    public static AgentDefinition parseDefinition(Path source, String content) {
        ParsedAgentFile parsed = new AgentDefinitionParser().parse(source, content);
        if (!(parsed instanceof ParsedAgentFile.Agent agent)) {
            throw new InvalidInputException(source + ": the queued definition has no front matter");
        }
        return agent.definition();
    }

    /**
     * The definition on the LLM runtime the orchestrator chose: a definition naming no runtime and no
     * command gets this machine's default when parsed here, which may differ.
     */
    private static AgentDefinition chosenRuntime(AgentDefinition parsed, Object sent) {
        if (!(sent instanceof String label) || !parsed.runtime().isLlm()) {
            return parsed;
        }
        for (RuntimeKind kind : RuntimeKind.values()) {
            if (kind.isLlm() && kind.label().equals(label) && kind != parsed.runtime()) {
                return parsed.withRuntime(kind);
            }
        }
        return parsed;
    }

    @SuppressWarnings("unchecked")
    private static GitTransfer.Snapshot git(Object value) {
        if (value == null) {
            return null;
        }
        Map<String, Object> g = (Map<String, Object>) value;
        try {
            return new GitTransfer.Snapshot(
                    text(g, "project"),
                    text(g, "commit"),
                    text(g, "prefix"),
                    java.util.Base64.getDecoder().decode(text(g, "bundle")));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("queue entry field 'git.bundle' is not base64: " + e.getMessage());
        }
    }

    private static String text(Map<String, Object> m, String field) {
        Object value = m.get(field);
        if (!(value instanceof String s)) {
            throw new InvalidInputException("queue entry field '" + field + "' must be text, but was " + value);
        }
        return s;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (value != null) {
            ((Map<String, Object>) value).forEach((k, v) -> {
                if (v != null) { // an invocation's input holds no nulls at its top level
                    out.put(k, v);
                }
            });
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> strings(Object value) {
        return value == null ? Map.of() : (Map<String, String>) value;
    }
}
