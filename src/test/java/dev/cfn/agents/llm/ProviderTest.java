package dev.cfn.agents.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cfn.InvalidInputException;
import dev.cfn.agents.AgentDefinition;
import dev.cfn.agents.AgentRole;
import dev.cfn.agents.Complexity;
import dev.cfn.agents.RuntimeKind;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProviderTest {
    private static AgentDefinition definition(
            RuntimeKind runtime, String model, String body, Map<String, Object> extra) {
        return new AgentDefinition(
                "coder",
                "Writes code",
                List.of(),
                model,
                runtime,
                List.of(),
                AgentRole.IMPLEMENTER,
                Complexity.LOW,
                null,
                false,
                null,
                null,
                body,
                Path.of("coder.md"),
                extra);
    }

    @Test
    void without_a_provider_the_runtime_names_the_built_in_one() {
        Provider anthropic = Provider.of(definition(RuntimeKind.ANTHROPIC, null, "", Map.of()), Map.of());
        Provider openai = Provider.of(
                definition(RuntimeKind.OPENAI, null, "", Map.of()), Map.of("OPENAI_BASE_URL", "http://127.0.0.1:9/v1"));

        assertThat(anthropic)
                .isEqualTo(new Provider("anthropic", RuntimeKind.ANTHROPIC, null, "ANTHROPIC_API_KEY", 16, null));
        assertThat(openai.kind()).isEqualTo(RuntimeKind.OPENAI);
        assertThat(openai.baseUrl()).isEqualTo("http://127.0.0.1:9/v1");
        assertThat(openai.apiKeyEnv()).isEqualTo("OPENAI_API_KEY");
        assertThat(ApiAgentRuntime.model(definition(RuntimeKind.OPENAI, null, "", Map.of()), openai))
                .isEqualTo("gpt-4o-mini");
    }

    @Test
    void a_configured_provider_gives_kind_url_key_variable_limit_and_model() {
        Map<String, String> env = Map.of(
                "provider.zai.kind", "anthropic",
                "provider.zai.base_url", "https://api.z.ai/api/anthropic",
                "provider.zai.api_key_env", "ZAI_API_KEY",
                "provider.zai.max_concurrency", "4",
                "provider.zai.model", "glm-4.6",
                "ANTHROPIC_BASE_URL", "http://not-for-zai");
        AgentDefinition d = definition(RuntimeKind.ANTHROPIC, "haiku", "", Map.of("provider", "zai"));

        Provider p = Provider.of(d, env);

        assertThat(p)
                .isEqualTo(new Provider(
                        "zai", RuntimeKind.ANTHROPIC, "https://api.z.ai/api/anthropic", "ZAI_API_KEY", 4, "glm-4.6"));
        assertThat(ApiAgentRuntime.model(d, p)).isEqualTo("glm-4.6");
    }

    @Test
    void the_definitions_base_url_and_key_variable_win_over_the_config() {
        Map<String, String> env = Map.of("provider.local.kind", "openai", "provider.local.base_url", "http://a/v1");
        AgentDefinition d = definition(
                RuntimeKind.OPENAI,
                "qwen3-coder",
                "",
                Map.of("provider", "local", "base_url", "http://b/v1", "api_key_env", "LOCAL_KEY"));

        Provider p = Provider.of(d, env);

        assertThat(p.baseUrl()).isEqualTo("http://b/v1");
        assertThat(p.apiKeyEnv()).isEqualTo("LOCAL_KEY");
        assertThat(ApiAgentRuntime.model(d, p)).isEqualTo("qwen3-coder");
    }

    @Test
    void the_originals_provider_parameters_block_names_provider_and_model() {
        String body = "Write code.\n<!-- PROVIDER_PARAMETERS\nprovider: zai\nmodel: glm-4.6\ntemperature: 0.2\n-->\n";
        AgentDefinition d = definition(RuntimeKind.ANTHROPIC, "haiku", body, Map.of());
        Map<String, String> env = Map.of("provider.zai.kind", "anthropic", "provider.zai.base_url", "https://z");

        Provider p = Provider.of(d, env);

        assertThat(p.name()).isEqualTo("zai");
        assertThat(ApiAgentRuntime.model(d, p)).isEqualTo("glm-4.6");
        assertThat(ApiAgentRuntime.parameters(d)).isEqualTo(Map.of("temperature", 0.2));
    }

    @Test
    void an_unknown_provider_fails_with_one_line_naming_the_missing_config_entry() {
        AgentDefinition d = definition(RuntimeKind.ANTHROPIC, null, "", Map.of("provider", "zai"));

        assertThatThrownBy(() -> Provider.of(d, Map.of()))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("agent coder names provider 'zai', but <home>/config has no provider.zai.kind entry"
                        + " (set provider.zai.kind, provider.zai.base_url and provider.zai.api_key_env)");
    }

    @Test
    void a_bad_kind_or_limit_is_named() {
        AgentDefinition d = definition(RuntimeKind.ANTHROPIC, null, "", Map.of("provider", "x"));

        assertThatThrownBy(() -> Provider.of(d, Map.of("provider.x.kind", "gemini")))
                .hasMessage("<home>/config: provider.x.kind must be anthropic or openai, but was 'gemini'");
        assertThatThrownBy(() -> Provider.of(d, Map.of("provider.x.kind", "openai", "provider.x.max_concurrency", "0")))
                .hasMessage("<home>/config: provider.x.max_concurrency must be a whole number >= 1, but was '0'");
    }

    @Test
    void an_openai_provider_without_a_model_asks_for_one() {
        AgentDefinition d = definition(RuntimeKind.OPENAI, "sonnet", "", Map.of("provider", "local"));
        Provider p = Provider.of(d, Map.of("provider.local.kind", "openai"));

        assertThatThrownBy(() -> ApiAgentRuntime.model(d, p))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("agent coder (provider local) needs a model: set model: in its definition or"
                        + " provider.local.model in <home>/config");
    }
}
