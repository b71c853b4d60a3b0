package dev.cfn.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.cfn.CfnException;
import dev.cfn.json.Json;
import dev.cfn.skills.LoadedSkill;
import dev.cfn.skills.SkillJson;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The JSON of {@code GET /api/agents/{type}/skills}, rendered once per result of the skill loader:
 * the loader's cache hands out the same list until a change invalidates it, so the rendered bytes
 * are keyed on that list's identity (weakly: they go when the loader drops the list) and can never
 * be stale. Saves the per-request serialisation of every skill's content, the endpoint's main
 * allocation. Thread-safe.
 */
final class RenderedSkills {
    private static final ObjectMapper JSON = Json.mapper();

    private final Cache<List<LoadedSkill>, byte[]> rendered =
            Caffeine.newBuilder().weakKeys().maximumSize(10_000).build();

    /** {@code {"agent_type": type, "skills": [...]}} as UTF-8 bytes. */
    byte[] render(String agentType, List<LoadedSkill> skills) {
        byte[] list = rendered.get(skills, RenderedSkills::renderList);
        byte[] head = ("{\"agent_type\":" + write(agentType) + ",\"skills\":").getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[head.length + list.length + 1];
        System.arraycopy(head, 0, out, 0, head.length);
        System.arraycopy(list, 0, out, head.length, list.length);
        out[out.length - 1] = '}';
        return out;
    }

    private static byte[] renderList(List<LoadedSkill> skills) {
        return write(skills.stream().map(SkillJson::loaded).toList()).getBytes(StandardCharsets.UTF_8);
    }

    private static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new CfnException("cannot render skills as JSON: " + e.getOriginalMessage(), e);
        }
    }
}
