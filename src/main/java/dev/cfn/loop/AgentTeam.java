package dev.cfn.loop;

import dev.cfn.InvalidInputException;
import dev.cfn.agents.AgentDefinition;
import java.util.List;
import java.util.Map;

/** The agent definitions a run may use, by name, checked against the run's settings up front. */
public record AgentTeam(Map<String, AgentDefinition> definitions) {
    public AgentTeam {
        definitions = Map.copyOf(definitions);
    }

    public AgentDefinition get(String name) {
        AgentDefinition d = definitions.get(name);
        if (d == null) {
            throw new InvalidInputException("agent '" + name + "' is not defined (see 'cfn agent list')");
        }
        return d;
    }

    /** Fails on the first name in the settings that no definition has. */
    public void requireAll(LoopSettings settings) {
        check("--loop3", settings.loop3());
        check("--loop2", settings.loop2());
        if (settings.productOwner() != null) {
            check("--product-owner", List.of(settings.productOwner()));
        }
    }

    private void check(String option, List<String> names) {
        for (String name : names) {
            if (!definitions.containsKey(name)) {
                throw new InvalidInputException(
                        option + " names agent '" + name + "', which is not defined (see 'cfn agent list')");
            }
        }
    }
}
