package dev.cfn.agents.mcp;

import dev.cfn.CfnException;
import dev.cfn.json.JsonText;
import io.modelcontextprotocol.json.schema.JsonSchemaValidator;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.server.McpSyncServerExchange;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How cfn's MCP tools are made, for {@code cfn mcp} and the agents' endpoint alike: a tool is a name,
 * a description, a JSON Schema of its input and a handler that returns the CLI's {@code --json}
 * document; the document comes back as JSON text (and as structured content when it is an object).
 * A {@link CfnException} becomes an MCP tool error carrying its one-line message (what the CLI
 * prints); anything else is a tool error saying it is internal, logged to stderr.
 */
public final class McpTools {
    private static final Logger LOG = LoggerFactory.getLogger(McpTools.class);

    /**
     * The SDK's schema validator, replaced: the handlers check their arguments ({@link ToolArgs},
     * with messages naming the field), so the SDK's own (a JSON Schema library loaded at start, about
     * a third of a second of a cold start) has nothing to do.
     */
    public static final JsonSchemaValidator CHECKED_BY_HANDLERS =
            (schema, content) -> JsonSchemaValidator.ValidationResponse.asValid(null);

    private McpTools() {}

    /** What a tool does with its arguments: the result document, or a thrown {@link CfnException}. */
    @FunctionalInterface
    public interface Handler {
        Object call(McpSyncServerExchange exchange, ToolArgs args);
    }

    /** A tool of {@code name} whose input is described by {@code schema} ({@link #schema}). */
    public static SyncToolSpecification tool(
            String name, String description, Map<String, Object> schema, Handler handler) {
        McpSchema.Tool tool = McpSchema.Tool.builder()
                .name(name)
                .description(description)
                .inputSchema(schema)
                .build();
        BiFunction<McpSyncServerExchange, McpSchema.CallToolRequest, McpSchema.CallToolResult> call =
                (exchange, request) -> run(name, handler, exchange, request.arguments());
        return SyncToolSpecification.builder().tool(tool).callHandler(call).build();
    }

    static McpSchema.CallToolResult run(
            String name, Handler handler, McpSyncServerExchange exchange, Map<String, Object> arguments) {
        try {
            return ok(handler.call(exchange, new ToolArgs(name, arguments)));
        } catch (CfnException e) {
            return error(e.getMessage());
        } catch (RuntimeException e) {
            LOG.warn("tool {} failed", name, e);
            return error(name + ": internal error: " + e.getMessage());
        }
    }

    /** A successful result holding {@code document} as JSON. */
    public static McpSchema.CallToolResult ok(Object document) {
        McpSchema.CallToolResult.Builder b = McpSchema.CallToolResult.builder().addTextContent(JsonText.of(document));
        if (document instanceof Map<?, ?>) {
            b.structuredContent(document);
        }
        return b.isError(false).build();
    }

    /** A tool error whose text is {@code message}. */
    public static McpSchema.CallToolResult error(String message) {
        return McpSchema.CallToolResult.builder()
                .addTextContent(message == null ? "error" : message)
                .isError(true)
                .build();
    }

    /**
     * A JSON Schema object.
     *
     * @param required the required properties
     * @param properties name, then its schema, in turn
     */
    public static Map<String, Object> schema(List<String> required, Object... properties) {
        Map<String, Object> props = new LinkedHashMap<>();
        for (int i = 0; i + 1 < properties.length; i += 2) {
            props.put((String) properties[i], properties[i + 1]);
        }
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("type", "object");
        s.put("properties", props);
        s.put("required", required);
        s.put("additionalProperties", false);
        return s;
    }

    /** A property of {@code type} ({@code string}, {@code integer} ...) with a description. */
    public static Map<String, Object> property(String type, String description) {
        return Map.of("type", type, "description", description);
    }

    /** A property that is a list of strings. */
    public static Map<String, Object> strings(String description) {
        return Map.of("type", "array", "items", Map.of("type", "string"), "description", description);
    }
}
