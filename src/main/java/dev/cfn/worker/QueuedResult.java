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
     * A result with the files its agent changed on a worker without the orchestrator's disk: a git
     * bundle of one commit on top of {@code gitBase} (see {@code GitTransfer}).
     */
    public static String encode(AgentResult r, String gitBase, byte[] bundle) {
        Map<String, Object> m = new java.util.LinkedHashMap<>(r.fields());
        m.put("git_base", gitBase);
        m.put("git_bundle", java.util.Base64.getEncoder().encodeToString(bundle));
        try {
            return Json.mapper().writeValueAsString(m);
        } catch (JsonProcessingException e) {
            throw new CfnException("cannot encode the result of " + r.agentId() + ": " + e.getOriginalMessage(), e);
        }
    }

    /** The changed files a result carries back from a worker, if it does. */
    public record Changes(String base, byte[] bundle) {}

    /**
     * The changes {@link #encode(AgentResult, String, byte[])} put in a result; empty for a result
     * without.
     *
     * @throws CfnException if the text is not JSON
     */
    public static java.util.Optional<Changes> changes(String json) {
        try {
            Map<String, Object> m = Json.mapper().readValue(json, new TypeReference<Map<String, Object>>() {});
            if (m.get("git_base") instanceof String base && m.get("git_bundle") instanceof String bundle) {
                return java.util.Optional.of(
                        new Changes(base, java.util.Base64.getDecoder().decode(bundle)));
            }
            return java.util.Optional.empty();
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new CfnException("a worker's result is not readable: " + e.getMessage(), e);
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
