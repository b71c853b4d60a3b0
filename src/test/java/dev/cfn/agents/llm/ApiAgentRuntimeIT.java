package dev.cfn.agents.llm;

import static org.assertj.core.api.Assertions.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.api.InstanceOfAssertFactories.STRING;

import dev.cfn.RetriableException;
import dev.cfn.agents.AgentDefinition;
import dev.cfn.agents.AgentInvocation;
import dev.cfn.agents.AgentProgress;
import dev.cfn.agents.AgentResult;
import dev.cfn.agents.AgentRole;
import dev.cfn.agents.Complexity;
import dev.cfn.agents.PriceTable;
import dev.cfn.agents.ProgressListener;
import dev.cfn.agents.RuntimeKind;
import dev.cfn.agents.process.ProcessReaper;
import dev.cfn.agents.process.ProcessRunner;
import dev.cfn.agents.process.ResourceLimits;
import dev.cfn.protocol.Phase;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The anthropic runtime's single-turn behaviour (answer, errors, timeout, key, pricing, stop) against a fake Messages API. */
class ApiAgentRuntimeIT {
    @TempDir
    Path dir;

    private FakeMessagesApi api;
    private ApiAgentRuntime runtime;

    @BeforeEach
    void start() throws Exception {
        api = new FakeMessagesApi();
        runtime = create(
                Map.of("ANTHROPIC_API_KEY", "sk-ant-api03-test", "ANTHROPIC_BASE_URL", api.baseUrl()),
                PriceTable.builtIn());
    }

    static ApiAgentRuntime create(Map<String, String> env, PriceTable prices) {
        return ApiAgentRuntime.create(
                new ProcessRunner(ProcessReaper.global(), ResourceLimits.detect(), Duration.ofSeconds(1), env),
                env,
                0,
                prices);
    }

    @AfterEach
    void stop() {
        runtime.close();
        api.close();
    }

    private AgentInvocation invocation(Duration timeout) {
        return invocation(timeout, "sonnet");
    }

    private AgentInvocation invocation(Duration timeout, String model) {
        AgentDefinition d = new AgentDefinition(
                "reviewer",
                "Reviews code",
                List.of(),
                model,
                RuntimeKind.ANTHROPIC,
                List.of(),
                AgentRole.VALIDATOR,
                Complexity.LOW,
                null,
                false,
                null,
                null,
                "Be strict.",
                Path.of("reviewer.md"),
                Map.of());
        Map<String, Object> input = Map.of(
                "task",
                "review hello.py",
                "skills",
                List.of(Map.of("name", "code-review", "version", "1.2.0", "content", "Check the tests first.")));
        return new AgentInvocation(
                d,
                "task-9",
                "reviewer-2-1",
                2,
                Phase.LOOP2,
                "standard",
                dir,
                input,
                Map.of(),
                timeout,
                dir.resolve("logs"));
    }

    @Test
    void one_messages_call_with_skills_in_the_system_prompt_and_usage_recorded() {
        AgentResult r = runtime.run(invocation(Duration.ofSeconds(20)));

        assertThat(r.status()).isEqualTo(AgentResult.Status.SUCCESS);
        assertThat(r.confidence()).isEqualTo(0.8);
        assertThat(r.summary()).isEqualTo("wrote it");
        assertThat(r.usage().inputTokens()).isEqualTo(321);
        assertThat(r.usage().outputTokens()).isEqualTo(45);
        assertThat(api.requests).hasSize(1);
        Map<String, Object> request = api.requests.get(0);
        assertThat(request.get("model")).isEqualTo("claude-sonnet-4-6");
        assertThat(request.get("max_tokens")).isEqualTo(8192);
        assertThat(request.get("stream")).isEqualTo(true);
        assertThat(String.valueOf(request.get("system")))
                .contains(
                        "You are the agent 'reviewer': Reviews code",
                        "Be strict.",
                        "### code-review v1.2.0",
                        "Check the tests first.",
                        "\"confidence\"");
        assertThat(String.valueOf(request.get("messages"))).contains("review hello.py", "reviewer-2-1");
        assertThat(api.apiKeys).containsExactly("sk-ant-api03-test");
    }

    @Test
    void a_reply_without_confidence_is_zero_with_the_reason() {
        api.replyText = "Looks fine to me.";

        AgentResult r = runtime.run(invocation(Duration.ofSeconds(20)));

        assertThat(r.confidence()).isZero();
        assertThat(r.confidenceReason()).isEqualTo("no confidence reported");
    }

    @Test
    void an_api_error_is_a_failure_with_its_status_and_message() {
        api.mode = FakeMessagesApi.Mode.OVERLOADED;

        AgentResult r = runtime.run(invocation(Duration.ofSeconds(20)));

        assertThat(r.status()).isEqualTo(AgentResult.Status.FAILURE);
        assertThat(r.confidence()).isZero();
        assertThat(r.confidenceReason()).isEqualTo("anthropic API error 529 (overloaded_error): Overloaded");
    }

    @Test
    void a_call_that_never_answers_times_out() {
        api.mode = FakeMessagesApi.Mode.HANG;

        AgentResult r = runtime.run(invocation(Duration.ofSeconds(1)));

        assertThat(r.status()).isEqualTo(AgentResult.Status.TIMEOUT);
        assertThat(r.confidenceReason()).isEqualTo("timed out after 1s");
        assertThat(r.duration()).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void without_a_key_the_runtime_is_unavailable() {
        ApiAgentRuntime keyless = create(Map.of("ANTHROPIC_BASE_URL", api.baseUrl()), PriceTable.builtIn());

        assertThatThrownBy(() -> keyless.run(invocation(Duration.ofSeconds(5))))
                .isInstanceOf(RetriableException.class)
                .hasMessage("ANTHROPIC_API_KEY is not set: agent reviewer (provider anthropic) cannot call its API");
        assertThat(api.requests).isEmpty();
    }

    @Test
    void usage_is_priced_at_the_rates_of_the_model_that_answered_and_told_as_a_turn() {
        api.inputTokens = 100_000;
        api.outputTokens = 20_000;
        List<AgentProgress> told = new CopyOnWriteArrayList<>();

        AgentResult r = runtime.run(invocation(Duration.ofSeconds(20)).withProgress(told::add));

        // sonnet (claude-sonnet-4-6): $3 per million input tokens, $15 per million output tokens
        assertThat(r.usage().costUsd()).isCloseTo(0.30 + 0.30, within(1e-9));
        assertThat(r.usage().turns()).isEqualTo(1);
        assertThat(told).singleElement().satisfies(p -> {
            assertThat(p.kind()).isEqualTo(AgentProgress.Kind.TURN);
            assertThat(p.agentId()).isEqualTo("reviewer-2-1");
            assertThat(p.usage()).isEqualTo(r.usage());
        });
    }

    @Test
    void a_model_without_a_price_costs_nothing_and_is_warned_about_once() {
        List<String> warnings = new CopyOnWriteArrayList<>();
        ApiAgentRuntime unpriced = create(
                Map.of("ANTHROPIC_API_KEY", "sk-ant-api03-test", "ANTHROPIC_BASE_URL", api.baseUrl()),
                PriceTable.of(Map.of(), "", warnings::add));
        try {
            AgentInvocation custom = invocation(Duration.ofSeconds(20), "acme-large-2");
            AgentResult first = unpriced.run(custom);
            AgentResult second = unpriced.run(custom);

            assertThat(first.status()).isEqualTo(AgentResult.Status.SUCCESS);
            assertThat(first.usage().costUsd()).isZero();
            assertThat(second.usage().inputTokens()).isEqualTo(321);
            assertThat(second.usage().costUsd()).isZero();
            assertThat(warnings)
                    .singleElement(as(STRING))
                    .startsWith("model 'acme-large-2' has no price: its tokens are counted at $0");
        } finally {
            unpriced.close();
        }
    }

    @Test
    void a_listener_that_stops_the_agent_gets_a_failure_with_its_reason_and_the_usage_kept() {
        AgentResult r = runtime.run(invocation(Duration.ofSeconds(20)).withProgress(p -> {
            throw new ProgressListener.StopAgent("budget: cost $0.0016 exceeded $0.001");
        }));

        assertThat(r.status()).isEqualTo(AgentResult.Status.FAILURE);
        assertThat(r.confidence()).isZero();
        assertThat(r.confidenceReason()).isEqualTo("budget: cost $0.0016 exceeded $0.001");
        assertThat(r.usage().inputTokens()).isEqualTo(321);
        assertThat(r.usage().costUsd()).isCloseTo((321 * 3 + 45 * 15) / 1e6, within(1e-12));
    }

    @Test
    void every_alias_the_runtime_resolves_has_a_price() {
        PriceTable prices = PriceTable.builtIn();
        for (String alias : List.of("haiku", "sonnet", "opus", "inherit")) {
            AgentDefinition d = invocation(Duration.ofSeconds(1), alias).definition();
            String id = ApiAgentRuntime.model(d, Provider.of(d, Map.of()));
            assertThat(prices.price(id)).as("price of %s (%s)", alias, id).isPresent();
            if (!alias.equals("inherit")) {
                assertThat(prices.price(alias)).isEqualTo(prices.price(id));
            }
        }
    }
}
