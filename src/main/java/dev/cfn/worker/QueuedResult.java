package dev.cfn.worker;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import dev.cfn.CfnException;
import dev.cfn.agents.AgentResult;
import dev.cfn.agents.Feedback;
import dev.cfn.agents.Usage;
import dev.cfn.json.Json;
import dev.cfn.protocol.Decision;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** An {@link AgentResult} as the JSON a worker publishes and an orchestrator reads back. */
public final class QueuedResult {

    private QueuedResult() {}

    public static String encode(AgentResult r) {
        Map<String, Object> m = r.fields();
        try {
            return Json.mapper().writeValueAsString(m);
        } catch (JsonProcessingException e) {
            throw new CfnException("cannot encode the result of " + r.agentId() + ": " + e.getOriginalMessage(), e);
        }
    }

    /**
     * @throws CfnException if the text is not a result written by {@link #encode}
     */
    public static AgentResult decode(String json) {
        try {
            Map<String, Object> m = Json.mapper().readValue(json, new TypeReference<Map<String, Object>>() {});
            List<Feedback> feedback = new ArrayList<>();
            for (Object f : (List<?>) m.get("feedback")) {
                Map<?, ?> fm = (Map<?, ?>) f;
                feedback.add(new Feedback(
                        Feedback.Severity.valueOf((String) fm.get("severity")), (String) fm.get("message")));
            }
            @SuppressWarnings("unchecked")
            List<String> files = (List<String>) m.get("files");
            String decision = (String) m.get("decision");
            @SuppressWarnings("unchecked")
            List<String> skills = (List<String>) m.get("skills");
            return AgentResult.builder((String) m.get("agent_id"), (String) m.get("agent_type"))
                    .status(AgentResult.Status.valueOf((String) m.get("status")))
                    .confidence(((Number) m.get("confidence")).doubleValue(), (String) m.get("confidence_reason"))
                    .summary((String) m.get("summary"))
                    .files(files)
                    .feedback(feedback)
                    .decision(
                            decision == null ? null : Decision.parse("decision", decision), (String) m.get("reasoning"))
                    .exitCode(((Number) m.get("exit_code")).intValue())
                    .duration(Duration.ofMillis(((Number) m.get("duration_ms")).longValue()))
                    .usage(new Usage(
                            number(m, "input_tokens").longValue(),
                            number(m, "output_tokens").longValue(),
                            number(m, "cache_read_tokens").longValue(),
                            number(m, "cache_write_tokens").longValue(),
                            number(m, "turns").intValue(),
                            number(m, "api_ms").longValue(),
                            number(m, "cost_usd").doubleValue()))
                    .skills(skills)
                    .build();
        } catch (JsonProcessingException | RuntimeException e) {
            throw new CfnException("a worker's result is not readable: " + e.getMessage(), e);
        }
    }

    /** A numeric field; 0 when a worker of an older build left it out. */
    private static Number number(Map<String, Object> m, String key) {
        Object v = m.get(key);
        return v instanceof Number n ? n : 0;
    }
}
