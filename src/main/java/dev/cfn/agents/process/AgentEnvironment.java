package dev.cfn.agents.process;

import dev.cfn.agents.AgentDefinition;
import dev.cfn.agents.AgentInvocation;
import dev.cfn.agents.RuntimeKind;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The whole environment of an agent process: an allowlist, never cfn's environment. cfn's own
 * holds secrets an agent must not read (CFN_API_TOKEN, database URLs with passwords, every provider
 * key), and an agent runs commands a model chose. An agent gets, in this order (later wins):
 *
 * <ol>
 *   <li>{@link #BASE} and {@code LC_*} from cfn's environment (what programs need to run at all);
 *   <li>the keys its runtime needs ({@link #runtimeKeys}; none for command and test agents);
 *   <li>what its definition lists under {@code env:}: names passed through, then values set;
 *   <li>the invocation's {@code env} (cfn's own additions, e.g. {@code CFN_REDIS_URL});
 *   <li>the agent protocol's variables (docs/agent-protocol.md).
 * </ol>
 */
final class AgentEnvironment {
    /** Marks every process of one run, so that cfn can find and end them all; not for agents. */
    static final String RUN_MARKER = "CFN_AGENT_RUN";

    /** Passed from cfn's environment to every agent: not secrets, and tools misbehave without them. */
    static final Set<String> BASE = Set.of("PATH", "HOME", "USER", "LOGNAME", "LANG", "LANGUAGE", "TZ", "TMPDIR");

    private AgentEnvironment() {}

    /** A one-shot agent's environment: the allowlist, then the protocol's variables. */
    static Map<String, String> of(AgentInvocation invocation, String runToken, Map<String, String> cfnEnv) {
        return of(invocation, runToken, cfnEnv, Map.of());
    }

    /**
     * As {@link #of(AgentInvocation, String, Map)}, with {@code runtimeValues} set after the runtime's
     * keys (step 2), so a definition's {@code env:} may still override them.
     */
    static Map<String, String> of(
            AgentInvocation invocation,
            String runToken,
            Map<String, String> cfnEnv,
            Map<String, String> runtimeValues) {
        Map<String, String> env = allowed(invocation, cfnEnv, runtimeValues);
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

    /** A warm agent's environment: the allowlist, then the variables that hold for all its tasks. */
    static Map<String, String> warm(AgentInvocation first, String runToken, Map<String, String> cfnEnv) {
        Map<String, String> env = allowed(first, cfnEnv, Map.of());
        env.put("CFN_AGENT_TYPE", first.definition().name());
        env.put("CFN_WARM", "1");
        env.put("CFN_WORKDIR", first.workdir().toAbsolutePath().toString());
        env.put(RUN_MARKER, runToken);
        return env;
    }

    /** Steps 1 to 4 of the class comment. */
    static Map<String, String> allowed(
            AgentInvocation invocation, Map<String, String> cfnEnv, Map<String, String> runtimeValues) {
        AgentDefinition d = invocation.definition();
        Map<String, String> env = new LinkedHashMap<>();
        cfnEnv.forEach((name, value) -> {
            if (BASE.contains(name) || name.startsWith("LC_")) {
                env.put(name, value);
            }
        });
        for (String name : runtimeKeys(d.runtime())) {
            passThrough(cfnEnv, name, env);
        }
        runtimeValues.forEach(env::putIfAbsent);
        for (String name : d.env().passed()) {
            passThrough(cfnEnv, name, env);
        }
        env.putAll(d.env().values());
        env.putAll(invocation.env());
        return env;
    }

    /**
     * The keys a runtime's processes need from cfn's environment. Command and test agents need none
     * (a definition lists what its program needs under {@code env:}); the API runtimes (anthropic,
     * openai) call their API in cfn's process and their Bash tool's commands get no key. Claude Code gets its provider's key and base URL, where it keeps
     * its configuration, sessions and temporary files, its retry count and its traffic setting (HOME,
     * where a logged-in user's credentials are, is in {@link #BASE}).
     */
    static List<String> runtimeKeys(RuntimeKind runtime) {
        return switch (runtime) {
            // The API runtimes call their API from cfn's process; their Bash tool's commands get no key.
            case COMMAND, TEST, ANTHROPIC, OPENAI -> List.of();
            case CLAUDE_CODE ->
                List.of(
                        "ANTHROPIC_API_KEY",
                        "ANTHROPIC_AUTH_TOKEN",
                        "ANTHROPIC_BASE_URL",
                        "CLAUDE_CONFIG_DIR",
                        "CLAUDE_CODE_TMPDIR",
                        "CLAUDE_CODE_MAX_RETRIES",
                        "CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC");
        };
    }

    private static void passThrough(Map<String, String> from, String name, Map<String, String> to) {
        String value = from.get(name);
        if (value != null) {
            to.put(name, value);
        }
    }
}
