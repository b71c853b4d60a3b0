package dev.cfn.agents.process;

import dev.cfn.agents.AgentInvocation;
import java.util.LinkedHashMap;
import java.util.Map;

/** The environment variables of the agent protocol (docs/agent-protocol.md) for one run. */
final class AgentEnvironment {
    /** Marks every process of one run, so that cfn can find and end them all; not for agents. */
    static final String RUN_MARKER = "CFN_AGENT_RUN";

    private AgentEnvironment() {}

    /** The invocation's own {@code env}, then the protocol's variables (which win). */
    static Map<String, String> of(AgentInvocation invocation, String runToken) {
        Map<String, String> env = new LinkedHashMap<>(invocation.env());
        env.put("CFN_TASK_ID", invocation.taskId());
        env.put("CFN_AGENT_ID", invocation.agentId());
        env.put("CFN_AGENT_TYPE", invocation.definition().name());
        env.put("CFN_ITERATION", Integer.toString(invocation.iteration()));
        env.put("CFN_LOOP", invocation.phase().label());
        if (invocation.mode() != null) {
            env.put("CFN_MODE", invocation.mode());
        }
        env.put("CFN_WORKDIR", invocation.workdir().toAbsolutePath().toString());
        env.put(RUN_MARKER, runToken);
        return env;
    }
}
