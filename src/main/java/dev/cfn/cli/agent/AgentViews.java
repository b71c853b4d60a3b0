package dev.cfn.cli.agent;

import dev.cfn.agents.AgentDefinition;
import dev.cfn.agents.AgentResult;
import dev.cfn.agents.Quantities;
import dev.cfn.agents.definition.FileProblem;
import dev.cfn.agents.process.EnforcedLimit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The JSON shapes of agent definitions, problems and results. */
final class AgentViews {
    private AgentViews() {}

    static Map<String, Object> summary(AgentDefinition d) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", d.name());
        m.put("role", d.role().label());
        m.put("runtime", d.runtime().label());
        m.put("complexity", d.complexity().label());
        m.put("timeout", Quantities.format(d.effectiveTimeout()));
        m.put("warm", d.warm());
        m.put("description", d.description());
        m.put("source", d.source().toString());
        return m;
    }

    static Map<String, Object> full(AgentDefinition d, List<EnforcedLimit> limits) {
        Map<String, Object> m = summary(d);
        m.put("tools", d.tools());
        m.put("model", d.model());
        m.put("command", d.command());
        m.put("memory", d.memory());
        m.put("cpus", d.cpus());
        m.put("extra", d.extra());
        m.put("limits", limits.stream().map(AgentViews::limit).toList());
        m.put("instructions", d.body());
        return m;
    }

    static Map<String, Object> limit(EnforcedLimit l) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("resource", l.resource());
        m.put("requested", l.requested());
        m.put("enforced", l.enforced());
        m.put("how", l.how());
        return m;
    }

    static Map<String, Object> problem(FileProblem p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("path", p.path().toString());
        m.put("line", p.line());
        m.put("message", p.message());
        return m;
    }

    static Map<String, Object> result(AgentResult r) {
        Map<String, Object> m = r.fields();
        m.put("status", r.status().name().toLowerCase(java.util.Locale.ROOT));
        return m;
    }
}
