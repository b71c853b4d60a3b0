package dev.cfn.agents.claude;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cfn.agents.AgentProgress;
import dev.cfn.agents.PriceTable;
import dev.cfn.agents.ProgressListener;
import dev.cfn.agents.Usage;
import dev.cfn.agents.process.Launch;
import dev.cfn.json.Json;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads Claude Code's stream-json as it is written and tells the agent's {@link ProgressListener}:
 * a {@code TURN} for each new model message (with the usage so far), a {@code TOOL} for each tool
 * call ({@link ToolSummary}), and {@code USAGE} with the final figures and the cost from the result
 * line. Keeps what the result needs: the session id, the permission denials, the result line.
 * Claude Code repeats a message's {@code usage} on each of its content blocks: each message id is
 * counted once. A {@link ProgressListener.StopAgent} thrown by the listener passes through (the
 * runner then ends the process). Used by one reader thread; read its state after the process ended.
 */
final class ClaudeStream implements Launch.LineFollower {
    private static final ObjectMapper JSON = Json.mapper();

    private final String agentId;
    private final Path workdir;
    private final ProgressListener listener;
    private final PriceTable prices;
    private final Set<String> messages = new HashSet<>();
    private final Map<String, Denial> denials = new LinkedHashMap<>();
    private volatile String sessionId;
    private volatile JsonNode result;
    private Usage usage = Usage.ZERO;

    /** A tool call Claude Code refused: the tool, a summary of its input. */
    record Denial(String tool, String summary) {}

    ClaudeStream(String agentId, Path workdir, ProgressListener listener) {
        this(agentId, workdir, listener, null);
    }

    /**
     * @param prices prices the tokens while the agent runs (Claude Code reports its cost only in its
     *     result line), so a cost budget can stop it mid-run; null to report no cost until then
     */
    ClaudeStream(String agentId, Path workdir, ProgressListener listener, PriceTable prices) {
        this.agentId = agentId;
        this.workdir = workdir;
        this.listener = listener;
        this.prices = prices;
    }

    @Override
    public void line(String line) {
        JsonNode event;
        try {
            event = JSON.readTree(line);
        } catch (JsonProcessingException e) {
            return; // not an event (Claude Code writes only JSON lines here; ignore anything else)
        }
        if (event == null || !event.isObject()) {
            return;
        }
        switch (event.path("type").asText()) {
            case "system" -> system(event);
            case "assistant" -> assistant(event.path("message"));
            case "result" -> result(event);
            default -> {}
        }
    }

    private void system(JsonNode event) {
        switch (event.path("subtype").asText()) {
            case "init" -> sessionId = text(event, "session_id");
            case "permission_denied" ->
                denied(text(event, "tool_use_id"), text(event, "tool_name"), event.path("tool_input"));
            default -> {}
        }
    }

    private void assistant(JsonNode message) {
        String id = text(message, "id");
        if (id != null && messages.add(id)) {
            usage = usage.plus(usageOf(message.path("usage"), 1));
            if (prices != null) {
                usage = prices.priced(text(message, "model"), usage); // the whole run so far, at today's rates
            }
            tell(AgentProgress.Kind.TURN, "turn " + usage.turns());
        }
        for (JsonNode block : message.path("content")) {
            if ("tool_use".equals(text(block, "type"))) {
                String tool = text(block, "name");
                tell(
                        AgentProgress.Kind.TOOL,
                        ToolSummary.of(tool == null ? "tool" : tool, block.path("input"), workdir));
            }
        }
    }

    private void result(JsonNode event) {
        result = event;
        if (sessionId == null) {
            sessionId = text(event, "session_id");
        }
        for (JsonNode denial : event.path("permission_denials")) {
            denied(text(denial, "tool_use_id"), text(denial, "tool_name"), denial.path("tool_input"));
        }
        usage = finalUsage();
        tell(AgentProgress.Kind.USAGE, String.format(java.util.Locale.ROOT, "cost $%.4f", usage.costUsd()));
    }

    /** A denial is told live and again in the result line (there with its input): kept once, the fuller. */
    private void denied(String toolUseId, String tool, JsonNode input) {
        String name = tool == null ? "tool" : tool;
        Denial denial = new Denial(name, ToolSummary.of(name, input, workdir));
        String key = toolUseId != null ? toolUseId : "#" + denials.size();
        Denial told = denials.get(key);
        if (told == null || told.summary().length() < denial.summary().length()) {
            denials.put(key, denial);
        }
    }

    private void tell(AgentProgress.Kind kind, String summary) {
        listener.on(new AgentProgress(agentId, kind, summary, usage));
    }

    /** The session this run used (from its first line), or null if it wrote none. */
    String sessionId() {
        return sessionId;
    }

    /** The result line, or null when Claude Code ended without one. */
    JsonNode result() {
        return result;
    }

    /** True when the model answered at least once. */
    boolean answered() {
        return !messages.isEmpty();
    }

    List<Denial> denials() {
        return List.copyOf(denials.values());
    }

    /** The result line's figures when there is one, else what the stream showed so far. */
    Usage finalUsage() {
        JsonNode r = result;
        if (r == null) {
            return usage;
        }
        Usage tokens = usageOf(r.path("usage"), Math.max(0, r.path("num_turns").asInt(0)));
        double cost = r.path("total_cost_usd").asDouble(0.0);
        return new Usage(
                tokens.inputTokens(),
                tokens.outputTokens(),
                tokens.cacheReadTokens(),
                tokens.cacheWriteTokens(),
                tokens.turns(),
                Math.max(0, r.path("duration_api_ms").asLong(0)),
                cost >= 0 && Double.isFinite(cost) ? cost : 0.0);
    }

    private static Usage usageOf(JsonNode u, int turns) {
        return new Usage(
                count(u, "input_tokens"),
                count(u, "output_tokens"),
                count(u, "cache_read_input_tokens"),
                count(u, "cache_creation_input_tokens"),
                turns,
                0,
                0.0);
    }

    private static long count(JsonNode node, String field) {
        return Math.max(0, node.path(field).asLong(0));
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || !value.isTextual() ? null : value.asText();
    }
}
