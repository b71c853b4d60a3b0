package dev.cfn.agents.llm.tools;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cfn.agents.AgentInvocation;
import dev.cfn.agents.process.ProcessRunner;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The tools one API agent is offered: those of its definition's {@code tools:} that cfn has (Read,
 * Write, Edit, Glob, Grep, Bash), else its role's default. A call of a tool it was not offered, or
 * that fails, is an error outcome the model reads; every output is capped at {@link #MAX_OUTPUT}
 * characters with a marker saying how much was cut. Used by one agent's loop (not thread-safe).
 */
public final class ToolBox {
    /** The most characters of a tool's output the model is sent. */
    public static final int MAX_OUTPUT = 30_000;

    /** The tools cfn implements, in the order they are offered. */
    public static final List<String> KNOWN = dev.cfn.agents.definition.AgentDefinitionParser.API_TOOLS;

    private final Map<String, Tool> tools;

    private ToolBox(Map<String, Tool> tools) {
        this.tools = tools;
    }

    /**
     * @param names the tools to offer (unknown names are left out: see {@link #KNOWN})
     * @param remaining how long the agent has left (Bash never runs past it)
     */
    public static ToolBox of(
            List<String> names,
            PathGuard guard,
            ProcessRunner runner,
            AgentInvocation invocation,
            Supplier<Duration> remaining) {
        Map<String, Tool> tools = new LinkedHashMap<>();
        for (String name : KNOWN) {
            if (names.contains(name)) {
                tools.put(
                        name,
                        switch (name) {
                            case "Read" -> new ReadTool(guard);
                            case "Write" -> new WriteTool(guard);
                            case "Edit" -> new EditTool(guard);
                            case "Glob" -> new GlobTool(guard);
                            case "Grep" -> new GrepTool(guard);
                            default -> new BashTool(runner, invocation, remaining, MAX_OUTPUT);
                        });
            }
        }
        return new ToolBox(tools);
    }

    /** What the model is told of the tools, in a stable order (the same bytes each turn, for prompt caching). */
    public List<ToolSpec> specs() {
        List<ToolSpec> specs = new ArrayList<>();
        tools.values().forEach(t -> specs.add(t.spec()));
        return specs;
    }

    /** Runs one call; never throws for the call's own failure (that is an error outcome). */
    public ToolOutcome run(ToolCall call) {
        Tool tool = tools.get(call.name());
        if (tool == null) {
            return new ToolOutcome(
                    call.id(),
                    "no tool '" + call.name() + "': the tools are " + String.join(", ", tools.keySet()),
                    true);
        }
        try {
            return new ToolOutcome(call.id(), cap(tool.run(call.input())), false);
        } catch (ToolError e) {
            return new ToolOutcome(call.id(), cap(e.getMessage()), true);
        }
    }

    /** One short line for progress: the tool and its main input, e.g. {@code Edit src/app.py}. */
    public static String summary(ToolCall call) {
        JsonNode in = call.input();
        for (String key : List.of("file_path", "command", "pattern")) {
            if (in.path(key).isTextual()) {
                String v = in.path(key).asText().replace('\n', ' ').strip();
                return call.name() + " " + (v.length() > 80 ? v.substring(0, 80) + "..." : v);
            }
        }
        return call.name();
    }

    static String cap(String text) {
        return text.length() <= MAX_OUTPUT
                ? text
                : text.substring(0, MAX_OUTPUT) + "\n" + truncated(text.length() - MAX_OUTPUT);
    }

    static String truncated(long dropped) {
        return "[... output truncated: " + dropped + " more characters]";
    }
}
