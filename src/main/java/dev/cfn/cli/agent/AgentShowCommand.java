package dev.cfn.cli.agent;

import dev.cfn.agents.AgentDefinition;
import dev.cfn.agents.Quantities;
import dev.cfn.agents.RuntimeKind;
import dev.cfn.agents.claude.ClaudeCodeRuntime;
import dev.cfn.agents.container.ContainerEngine;
import dev.cfn.agents.definition.AgentCatalog;
import dev.cfn.agents.process.EnforcedLimit;
import dev.cfn.agents.process.ResourceLimits;
import dev.cfn.cli.CfnSubcommand;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(
        name = "show",
        description = "Show an agent's definition, which runtime runs it and why, and which of its resource limits"
                + " this machine enforces, and how.",
        footer = {"", "Example: cfn agent show hello-implementer --dir examples/agents"})
public final class AgentShowCommand extends CfnSubcommand {
    @Parameters(paramLabel = "NAME", description = "Agent name.")
    String name;

    @Mixin
    AgentDirOption dir;

    @Override
    protected void execute() {
        AgentCatalog catalog = dir.load(ctx());
        AgentDefinition d = catalog.require(name);
        List<EnforcedLimit> limits = ResourceLimits.detect().describe(d);
        String why = catalog.runtimeReason(d);
        Map<String, Object> json = AgentViews.full(d, limits);
        json.put("runtime_reason", why);
        json.put("sandbox", sandbox(d));
        out().print(json, () -> human(d, limits, why));
    }

    /** Where the agent's process runs: {@code none}, or the container's image and network. */
    private String sandbox(AgentDefinition d) {
        if (!d.inContainer()) {
            return "none (a process on this machine)";
        }
        String image = d.image() != null
                ? d.image()
                : ctx().agentEnv()
                        .getOrDefault(ContainerEngine.IMAGE_VARIABLE, "(none: set image: or container.image)");
        String engine = ContainerEngine.find(ctx().agentEnv())
                .map(e -> e.kind() + " at " + e.program())
                .orElse("no engine found");
        return "container (image " + image + ", network " + (d.network() ? "on" : "off") + ", " + engine + ")";
    }

    private void human(AgentDefinition d, List<EnforcedLimit> limits, String why) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("name", d.name());
        fields.put("description", d.description().lines().findFirst().orElse(""));
        fields.put("role", d.role().label());
        fields.put("runtime", d.runtime().label() + " (" + why + ")");
        fields.put("command", d.command().isEmpty() ? null : String.join(" ", d.command()));
        fields.put("model", d.model());
        fields.put(
                "tools",
                d.runtime().isLlm()
                        ? String.join(", ", d.toolsOrDefault()) + (d.tools().isEmpty() ? " (the role's default)" : "")
                        : d.tools().isEmpty() ? null : String.join(", ", d.tools()));
        if (d.runtime() == RuntimeKind.CLAUDE_CODE) {
            fields.put(
                    "max turns",
                    d.maxTurns() != null ? d.maxTurns() : ClaudeCodeRuntime.DEFAULT_MAX_TURNS + " (default)");
        }
        fields.put("complexity", d.complexity().label());
        fields.put(
                "timeout", Quantities.format(d.effectiveTimeout()) + (d.timeout() == null ? " (from complexity)" : ""));
        fields.put("warm", d.warm() ? "yes" : "no");
        fields.put("sandbox", sandbox(d));
        fields.put("source", d.source());
        for (EnforcedLimit l : limits) {
            String requested = l.requested() == null ? "none" : l.requested();
            fields.put("limit " + l.resource(), requested + ": " + (l.enforced() ? "enforced by " : "") + l.how());
        }
        out().fields(fields);
    }
}
