package dev.cfn.agents.claude;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.cfn.agents.AgentAnswer;
import dev.cfn.agents.AgentInvocation;
import dev.cfn.agents.AgentOutputParser;
import dev.cfn.agents.AgentResult;
import dev.cfn.agents.Feedback;
import dev.cfn.agents.Results;
import dev.cfn.agents.Usage;
import dev.cfn.agents.process.ProcessOutcome;
import dev.cfn.json.Json;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a Claude Code run into an {@link AgentResult}. The answer is what the agent reported through
 * cfn's {@code report_result} tool, else the result line's {@code structured_output}, else the last JSON line of its {@code result} text, read exactly as a process
 * agent's stdout ({@link AgentOutputParser}). {@code is_error} (whatever the {@code subtype} says: an
 * API error can say {@code success}), {@code error_max_turns} and {@code api_error_status} make a
 * FAILURE with the reason; each permission denial is WARNING feedback for the next iteration. The
 * usage and cost are the result line's.
 */
final class ClaudeResults {
    private static final int MAX_REASON = 300;

    private final AgentOutputParser parser = new AgentOutputParser();

    AgentResult of(AgentInvocation inv, ProcessOutcome outcome, ClaudeStream stream) {
        return of(inv, outcome, stream, java.util.Optional.empty());
    }

    /** @param reported the answer the agent gave through cfn's {@code report_result} tool: it comes first */
    AgentResult of(
            AgentInvocation inv,
            ProcessOutcome outcome,
            ClaudeStream stream,
            java.util.Optional<AgentAnswer> reported) {
        Usage usage = stream.finalUsage();
        JsonNode result = stream.result();
        List<Feedback> denials = denials(inv, stream);
        if (outcome.stopReason() != null || outcome.timedOut() || outcome.interrupted() || result == null) {
            String why = outcome.failure(inv);
            if (why == null) {
                why = "claude-code ended without a result line";
            }
            return failed(inv, why, outcome, usage, denials);
        }
        if (result.path("is_error").asBoolean(false)) {
            return failed(inv, errorReason(inv, result), outcome, usage, denials);
        }
        AgentAnswer answer = reported.orElseGet(() -> parser.parse(answerText(result)));
        List<Feedback> feedback = new ArrayList<>(answer.feedback());
        feedback.addAll(denials);
        return Results.of(inv, answer, null, false, outcome.exitCode(), outcome.duration())
                .feedback(feedback)
                .usage(usage)
                .build();
    }

    private static AgentResult failed(
            AgentInvocation inv, String why, ProcessOutcome outcome, Usage usage, List<Feedback> denials) {
        return Results.failed(inv, why, outcome.timedOut(), outcome.exitCode(), outcome.duration()).toBuilder()
                .feedback(denials)
                .usage(usage)
                .build();
    }

    /** {@code structured_output} as one JSON line when it is an object, else the result text. */
    private static String answerText(JsonNode result) {
        JsonNode structured = result.get("structured_output");
        if (structured != null && structured.isObject()) {
            try {
                return Json.mapper().writeValueAsString(structured);
            } catch (JsonProcessingException e) {
                // cannot happen for a parsed tree; fall back to the text
            }
        }
        JsonNode text = result.get("result");
        return text == null || !text.isTextual() ? "" : text.asText();
    }

    static String errorReason(AgentInvocation inv, JsonNode result) {
        String subtype = result.path("subtype").asText("");
        JsonNode status = result.get("api_error_status");
        if ("error_max_turns".equals(subtype)) {
            Integer limit = inv.definition().maxTurns();
            return "claude-code reached its turn limit (max_turns "
                    + (limit == null ? ClaudeCodeRuntime.DEFAULT_MAX_TURNS : limit) + ") before answering";
        }
        if (status != null && status.isNumber()) {
            return clip("claude-code: API error " + status.asInt() + ": " + detail(result));
        }
        return clip("claude-code failed (" + (subtype.isEmpty() ? "error" : subtype) + "): " + detail(result));
    }

    private static String detail(JsonNode result) {
        JsonNode errors = result.get("errors");
        if (errors != null && errors.isArray() && !errors.isEmpty()) {
            List<String> all = new ArrayList<>();
            errors.forEach(e -> all.add(e.isTextual() ? e.asText() : e.toString()));
            return String.join("; ", all);
        }
        JsonNode text = result.get("result");
        return text == null || !text.isTextual() || text.asText().isBlank() ? "no detail given" : text.asText();
    }

    private static List<Feedback> denials(AgentInvocation inv, ClaudeStream stream) {
        List<Feedback> out = new ArrayList<>();
        List<String> tools = inv.definition().toolsOrDefault();
        for (ClaudeStream.Denial d : stream.denials()) {
            out.add(new Feedback(
                    Feedback.Severity.WARNING,
                    inv.agentId() + " was denied " + d.summary() + " (its tools: " + String.join(", ", tools)
                            + "; list the tool under tools: in its definition to allow it)"));
        }
        return out;
    }

    private static String clip(String text) {
        String line = text.strip().replaceAll("\\s+", " ");
        return line.length() <= MAX_REASON ? line : line.substring(0, MAX_REASON - 3) + "...";
    }
}
