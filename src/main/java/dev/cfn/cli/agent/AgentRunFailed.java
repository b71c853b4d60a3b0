package dev.cfn.cli.agent;

import dev.cfn.CfnException;
import dev.cfn.agents.AgentResult;

/** An agent run that did not succeed: exit 1 with its status and reason on stderr. */
final class AgentRunFailed extends CfnException {
    AgentRunFailed(AgentResult result) {
        super("agent " + result.agentId() + " " + result.status().name().toLowerCase(java.util.Locale.ROOT) + ": "
                + result.confidenceReason());
    }
}
