package dev.cfn.agents.mcp;

import dev.cfn.InvalidInputException;
import dev.cfn.agents.AgentAnswer;
import dev.cfn.agents.AgentOutputParser;
import dev.cfn.json.JsonText;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.server.McpSyncServerExchange;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * {@code report_result}: an agent cfn runs gives its answer (the agent protocol's fields) through a
 * tool instead of a JSON line in its text. The arguments go through the same {@link
 * AgentOutputParser} as an answer line, so the fields, their limits and their leniency are the
 * protocol's, whatever fields it grows; an answer without a valid confidence is refused (the agent
 * can call again), any other is kept as the run's answer (the last call counts).
 */
final class ReportResultTool {
    static final String NAME = "report_result";

    private static final AgentOutputParser PARSER = new AgentOutputParser();

    private ReportResultTool() {}

    /** @param seat the seat of the calling agent (from its token), or throws when it has none */
    static SyncToolSpecification of(Function<McpSyncServerExchange, McpAgentEndpoint.OpenSeat> seat) {
        return McpTools.tool(
                NAME,
                "Report your answer to cfn when your work is done: your confidence (0 to 1), status, summary, the"
                        + " files you changed and your feedback; a product owner also its decision and reasoning; a"
                        + " reflector the skills it proposes. Call it once at the end; a later call replaces the earlier.",
                McpTools.schema(
                        List.of("confidence"),
                        "confidence",
                        Map.of(
                                "type",
                                "number",
                                "minimum",
                                0,
                                "maximum",
                                1,
                                "description",
                                "How confident you are that the work is right, 0 to 1."),
                        "status",
                        Map.of("type", "string", "enum", List.of("success", "failed")),
                        "summary",
                        McpTools.property("string", "What you did, in a few sentences."),
                        "files",
                        McpTools.strings("The files you created or changed."),
                        "feedback",
                        Map.of(
                                "type",
                                "array",
                                "items",
                                Map.of(
                                        "type",
                                        "object",
                                        "properties",
                                        Map.of(
                                                "severity",
                                                Map.of(
                                                        "type",
                                                        "string",
                                                        "enum",
                                                        List.of("CRITICAL", "WARNING", "SUGGESTION")),
                                                "message",
                                                Map.of("type", "string")),
                                        "required",
                                        List.of("severity", "message"))),
                        "decision",
                        Map.of("type", "string", "enum", List.of("PROCEED", "ITERATE", "ABORT")),
                        "reasoning",
                        McpTools.property("string", "Why (a product owner's decision)."),
                        "skills",
                        Map.of(
                                "type",
                                "array",
                                "items",
                                Map.of("type", "object"),
                                "description",
                                "A reflector's proposed skills.")),
                (exchange, args) -> {
                    McpAgentEndpoint.OpenSeat s = seat.apply(exchange);
                    AgentAnswer answer = PARSER.parse(JsonText.compact(args.all()));
                    if (answer.confidenceReason() != null) {
                        throw new InvalidInputException(NAME + ": " + answer.confidenceReason()
                                + " (confidence must be a number from 0 to 1): not recorded, call again");
                    }
                    s.report(answer);
                    Map<String, Object> doc = new LinkedHashMap<>();
                    doc.put("agent_id", s.agentId());
                    doc.put("recorded", true);
                    doc.put("confidence", answer.confidence());
                    return doc;
                });
    }
}
