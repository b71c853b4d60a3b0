package dev.cfn.agents.spawn;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cfn.agents.AgentDefinition;
import dev.cfn.agents.AgentInvocation;
import dev.cfn.agents.AgentResult;
import dev.cfn.agents.Feedback;
import dev.cfn.agents.RuntimeKind;
import dev.cfn.agents.definition.AgentCatalog;
import dev.cfn.protocol.Decision;
import dev.cfn.protocol.Phase;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shipped examples/agents, run as a loop would: implementer, validators, product owner. */
class ExampleAgentsIT {
    private static final Path EXAMPLES =
            Path.of(System.getProperty("cfn.basedir", ".")).resolve("examples/agents");

    @TempDir
    Path work;

    private final AgentCatalog catalog = AgentCatalog.load(EXAMPLES);

    private AgentInvocation invocation(String name, int iteration, Phase loop, Map<String, Object> input) {
        AgentDefinition d = catalog.require(name);
        return new AgentInvocation(
                d,
                "demo",
                name + "-" + iteration + "-1",
                iteration,
                loop,
                "mvp",
                work,
                input,
                Map.of(),
                d.effectiveTimeout(),
                work.resolve(".cfn/logs"));
    }

    @Test
    void the_examples_load_cleanly() {
        assertThat(catalog.agents())
                .containsOnlyKeys("hello-implementer", "unit-tests", "warm-reviewer", "product-owner");
        assertThat(catalog.problems()).isEmpty();
        assertThat(catalog.warnings()).isEmpty();
        assertThat(catalog.documentation()).containsExactly(EXAMPLES.resolve("README.md"));
    }

    @Test
    void the_claude_code_example_loads_as_claude_code_agents_with_a_test_validator() {
        Path dir = EXAMPLES.resolveSibling("claude").resolve("agents");
        AgentCatalog claude = AgentCatalog.load(dir);

        assertThat(claude.problems()).isEmpty();
        assertThat(claude.warnings()).isEmpty();
        assertThat(claude.agents()).containsOnlyKeys("python-implementer", "reviewer", "unit-tests", "product-owner");
        assertThat(claude.require("python-implementer").runtime()).isEqualTo(RuntimeKind.CLAUDE_CODE);
        assertThat(claude.require("reviewer").runtime()).isEqualTo(RuntimeKind.CLAUDE_CODE);
        assertThat(claude.require("product-owner").runtime()).isEqualTo(RuntimeKind.CLAUDE_CODE);
        assertThat(claude.require("reviewer").toolsOrDefault()).doesNotContain("Write", "Edit");
        AgentDefinition tests = claude.require("unit-tests");
        assertThat(tests.runtime()).isEqualTo(RuntimeKind.TEST);
        assertThat(Path.of(tests.command().get(0)))
                .as("the shared test runner of examples/agents")
                .isEqualTo(EXAMPLES.resolve("scripts/run_unittests.py").normalize())
                .isExecutable();
    }

    @Test
    void a_buggy_first_iteration_fails_its_tests_and_the_fix_passes_them() {
        Map<String, Object> task = Map.of("task", "greet people [bug-first]");
        try (AgentSpawner spawner = AgentSpawner.create(SpawnerSettings.defaults())) {
            AgentResult wrote = spawner.run(invocation("hello-implementer", 1, Phase.LOOP3, task));
            List<AgentResult> checks = List.of(
                    spawner.run(invocation("unit-tests", 1, Phase.LOOP2, task)),
                    spawner.run(invocation(
                            "warm-reviewer",
                            1,
                            Phase.LOOP2,
                            Map.of("deliverables", List.of("greeting.py", "test_greeting.py", "README.md")))));
            AgentResult po = spawner.run(invocation(
                    "product-owner",
                    1,
                    Phase.PRODUCT_OWNER,
                    Map.of(
                            "consensus",
                            Map.of("value", 0.5, "threshold", 0.8, "passed", false),
                            "iteration",
                            1,
                            "max_iterations",
                            5)));

            assertThat(wrote.files()).containsExactly("greeting.py", "test_greeting.py");
            assertThat(checks.get(0).confidence()).isEqualTo(0.5);
            assertThat(checks.get(0).feedback()).singleElement().satisfies(f -> {
                assertThat(f.severity()).isEqualTo(Feedback.Severity.CRITICAL);
                assertThat(f.message()).contains("test_greets_by_name", "'Hello Ada' != 'Hello, Ada!'");
            });
            assertThat(checks.get(1).confidence()).isEqualTo(2.0 / 3);
            assertThat(checks.get(1).feedback())
                    .extracting(Feedback::message)
                    .containsExactly("missing deliverable: README.md");
            assertThat(po.decision()).isEqualTo(Decision.ITERATE);

            spawner.run(invocation("hello-implementer", 2, Phase.LOOP3, task));
            AgentResult fixed = spawner.run(invocation("unit-tests", 2, Phase.LOOP2, task));
            AgentResult proceed = spawner.run(invocation(
                    "product-owner",
                    2,
                    Phase.PRODUCT_OWNER,
                    Map.of(
                            "consensus",
                            Map.of("value", 1.0, "threshold", 0.8, "passed", true),
                            "iteration",
                            2,
                            "max_iterations",
                            5)));

            assertThat(fixed.confidence()).isEqualTo(1.0);
            assertThat(fixed.summary()).isEqualTo("2 passed, 0 failed, 0 skipped (stdout)");
            assertThat(proceed.decision()).isEqualTo(Decision.PROCEED);
        }
    }
}
