package dev.cfn.agents.process;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cfn.agents.AgentDefinition;
import dev.cfn.agents.AgentEnv;
import dev.cfn.agents.AgentFixtures;
import dev.cfn.agents.AgentInvocation;
import dev.cfn.agents.RuntimeKind;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AgentEnvironmentTest {
    /** cfn's environment as a user's shell gives it: what programs need, and secrets. */
    static final Map<String, String> CFN_ENV = Map.ofEntries(
            Map.entry("PATH", "/usr/bin:/bin"),
            Map.entry("HOME", "/home/u"),
            Map.entry("LANG", "C.UTF-8"),
            Map.entry("LC_ALL", "C.UTF-8"),
            Map.entry("TMPDIR", "/tmp/u"),
            Map.entry("CFN_API_TOKEN", "s3cret-api-token"),
            Map.entry("CFN_DB_URL", "jdbc:postgresql://db/cfn?password=s3cret-db"),
            Map.entry("DATABASE_URL", "postgres://u:s3cret-db@db/app"),
            Map.entry("OPENAI_API_KEY", "sk-s3cret-openai"),
            Map.entry("ANTHROPIC_API_KEY", "sk-ant-s3cret"),
            Map.entry("GITHUB_TOKEN", "ghp_s3cret"));

    private static AgentInvocation invocation(AgentEnv env) {
        AgentDefinition d = AgentFixtures.command("coder", List.of("/bin/true"));
        AgentDefinition withEnv = new AgentDefinition(
                d.name(),
                d.description(),
                d.tools(),
                d.model(),
                d.runtime(),
                d.command(),
                d.role(),
                d.complexity(),
                d.timeout(),
                d.warm(),
                d.memory(),
                d.cpus(),
                d.body(),
                d.source(),
                d.extra(),
                env,
                null);
        return AgentFixtures.invocation(withEnv, Path.of("/work"), Duration.ofSeconds(5));
    }

    @Test
    void an_agent_gets_the_allowlist_and_the_protocol_never_cfns_secrets() {
        Map<String, String> env = AgentEnvironment.of(invocation(AgentEnv.NONE), "marker-1", CFN_ENV);

        assertThat(env.keySet())
                .containsExactlyInAnyOrder(
                        "PATH",
                        "HOME",
                        "LANG",
                        "LC_ALL",
                        "TMPDIR",
                        "CFN_REDIS_URL",
                        "CFN_TASK_ID",
                        "CFN_AGENT_ID",
                        "CFN_AGENT_TYPE",
                        "CFN_ITERATION",
                        "CFN_LOOP",
                        "CFN_MODE",
                        "CFN_WORKDIR",
                        "CFN_AGENT_RUN");
        assertThat(env.values()).noneMatch(v -> v.contains("s3cret"));
        assertThat(env).containsEntry("PATH", "/usr/bin:/bin").containsEntry("CFN_AGENT_RUN", "marker-1");
    }

    @Test
    void a_definition_gets_the_names_it_passes_through_and_the_values_it_sets() {
        Map<String, String> passed =
                AgentEnvironment.of(invocation(new AgentEnv(Map.of(), List.of("GITHUB_TOKEN", "UNSET"))), "m", CFN_ENV);
        Map<String, String> set = AgentEnvironment.warm(
                invocation(new AgentEnv(Map.of("GREETING", "hello", "PATH", "/opt/bin"), List.of())), "m", CFN_ENV);

        assertThat(passed).containsEntry("GITHUB_TOKEN", "ghp_s3cret").doesNotContainKey("UNSET");
        assertThat(passed).doesNotContainKeys("OPENAI_API_KEY", "ANTHROPIC_API_KEY", "CFN_API_TOKEN");
        assertThat(set)
                .containsEntry("GREETING", "hello")
                .containsEntry("PATH", "/opt/bin")
                .containsEntry("CFN_WARM", "1")
                .doesNotContainKeys("GITHUB_TOKEN", "CFN_AGENT_ID");
    }

    @Test
    void only_claude_code_processes_are_given_their_providers_keys() {
        assertThat(AgentEnvironment.runtimeKeys(RuntimeKind.COMMAND)).isEmpty();
        assertThat(AgentEnvironment.runtimeKeys(RuntimeKind.TEST)).isEmpty();
        // the API runtimes call their API from cfn's process: their Bash tool's commands get no key
        assertThat(AgentEnvironment.runtimeKeys(RuntimeKind.ANTHROPIC)).isEmpty();
        assertThat(AgentEnvironment.runtimeKeys(RuntimeKind.OPENAI)).isEmpty();
        assertThat(AgentEnvironment.runtimeKeys(RuntimeKind.CLAUDE_CODE)).contains("ANTHROPIC_API_KEY");
    }

    @Test
    void a_claude_code_agent_gets_its_providers_key_and_settings_and_no_other_secret() {
        Map<String, String> cfn = new java.util.HashMap<>(CFN_ENV);
        cfn.put("CLAUDE_CONFIG_DIR", "/tmp/claude-config");
        cfn.put("CLAUDE_CODE_MAX_RETRIES", "0");
        AgentDefinition claude =
                AgentFixtures.definition("coder", RuntimeKind.CLAUDE_CODE, List.of(), null, null, false, Map.of());
        AgentInvocation inv = AgentFixtures.invocation(claude, Path.of("/work"), Duration.ofSeconds(5));

        Map<String, String> env =
                AgentEnvironment.of(inv, "m", cfn, Map.of("CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC", "1"));
        cfn.put("CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC", "0");
        Map<String, String> own =
                AgentEnvironment.of(inv, "m", cfn, Map.of("CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC", "1"));

        assertThat(env)
                .containsEntry("ANTHROPIC_API_KEY", "sk-ant-s3cret")
                .containsEntry("CLAUDE_CONFIG_DIR", "/tmp/claude-config")
                .containsEntry("CLAUDE_CODE_MAX_RETRIES", "0")
                .containsEntry("CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC", "1")
                .containsEntry("HOME", "/home/u")
                .doesNotContainKeys("OPENAI_API_KEY", "GITHUB_TOKEN", "CFN_API_TOKEN", "CFN_DB_URL", "DATABASE_URL");
        assertThat(own).containsEntry("CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC", "0"); // the user's own wins
    }
}
