package dev.cfn.cli.coord;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.cfn.InvalidInputException;
import dev.cfn.cli.CfnSubcommand;
import dev.cfn.coord.Completion;
import dev.cfn.coord.Coordinator;
import dev.cfn.coord.LocalCoordinator;
import dev.cfn.coord.Payloads;
import dev.cfn.json.Json;
import dev.cfn.redis.KeyScheme;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
        name = "signal",
        description = {
            "Report an agent's completion, waking one waiter.",
            "",
            "SETs the agent's confidence, HSETs its result {result, confidence, timestamp}, then LPUSHes"
                    + " the payload on swarm:TASK:AGENT:done, waking one 'cfn coord wait' (or BLPOP). The"
                    + " payload is the --result JSON, or 'complete' without one.",
            "",
            "Use --redis: without it the signal stays in this process, which exits at once, so no other"
                    + " process can receive it."
        },
        footer = {
            "",
            "Exit codes: 0 signalled, 1 Redis unavailable, 2 invalid id, confidence or JSON, or a payload over 1 MiB.",
            "Example: cfn coord signal --task auth-42 --agent coder-1-1 --confidence 0.9 --result '{\"files\":3}'"
                    + " --redis redis://127.0.0.1:6379"
        })
public final class CoordSignalCommand extends CfnSubcommand {
    private static final ObjectReader JSON =
            Json.mapper().reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    @Option(names = "--task", required = true, paramLabel = "T", description = "The task id.")
    String task;

    @Option(names = "--agent", required = true, paramLabel = "A", description = "The agent id.")
    String agent;

    @Option(names = "--confidence", paramLabel = "X", description = "From 0.0 to 1.0.")
    Double confidence;

    @Option(names = "--result", paramLabel = "JSON", description = "The result, a JSON document (at most 1 MiB).")
    String result;

    @Override
    protected void execute() {
        KeyScheme.requireTaskId(task);
        KeyScheme.requireAgentId(agent);
        Completion completion = completion();
        Coordinator coordinator = ctx().coordinator();
        if (coordinator instanceof LocalCoordinator) {
            out().warn("no --redis: the signal stays in this process and no other process can receive it");
        }
        coordinator.signal(task, agent, completion);
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("task", task);
        doc.put("agent", agent);
        doc.put("target", coordinator.describe());
        doc.put("payload_bytes", completion.payload().getBytes(StandardCharsets.UTF_8).length);
        out().print(doc, () -> out().line("signalled " + agent + " of task " + task + " on " + coordinator.describe()));
    }

    private Completion completion() {
        String payload = Completion.DEFAULT_PAYLOAD;
        Map<String, String> fields = new LinkedHashMap<>();
        if (confidence != null) {
            Payloads.requireConfidence(confidence);
            fields.put("confidence", confidence.toString());
        }
        if (result != null) {
            Payloads.require("--result", result);
            requireJson(result);
            payload = result;
            fields.put("result", result);
        }
        if (!fields.isEmpty()) {
            fields.put("timestamp", Long.toString(ctx().clock().millis()));
        }
        return new Completion(payload, confidence, result == null && confidence == null ? Map.of() : fields);
    }

    private static void requireJson(String text) {
        try {
            if (JSON.readTree(text).isMissingNode()) {
                throw new InvalidInputException("--result must be a JSON document, but was empty");
            }
        } catch (JsonProcessingException e) {
            throw new InvalidInputException("--result must be a JSON document, but is not: "
                    + e.getOriginalMessage().lines().findFirst().orElse("malformed"));
        }
    }
}
