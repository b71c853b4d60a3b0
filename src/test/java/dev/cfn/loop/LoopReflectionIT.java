package dev.cfn.loop;

import static dev.cfn.loop.TestAgents.answer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cfn.InvalidInputException;
import dev.cfn.skills.DeployRequest;
import dev.cfn.skills.Mapping;
import dev.cfn.skills.PendingVersion;
import dev.cfn.skills.SkillOrigin;
import dev.cfn.skills.VersionState;
import dev.cfn.testing.SkillMd;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Loop 5 with real process agents on a real SQLite file: after a PROCEED the reflector (a python
 * script) gets the run's history and answers with SKILL.md texts; the valid ones wait for approval
 * as {@code generated_by: reflection} with the run id (even in a category that approves itself),
 * the bad one is reported, and the run's stored status and decision never change.
 */
class LoopReflectionIT {
    @TempDir
    Path tmp;

    /** A reflector printing one answer whose "skills" are the given SKILL.md texts. */
    private static String reflectorAnswering(String... skills) {
        StringBuilder py = new StringBuilder("python3 - <<'PY'\nimport json\nskills = [");
        for (String s : skills) {
            py.append(pyString(s)).append(", ");
        }
        py.append("]\nprint(json.dumps({\"confidence\": 0.8, \"status\": \"success\", \"summary\": \"learned\","
                + " \"skills\": skills}))\nPY");
        return py.toString();
    }

    private static String pyString(String text) {
        return "'" + text.replace("\\", "\\\\").replace("'", "\\'").replace("\n", "\\n") + "'";
    }

    private static String skillMd(String name, String version, String category, String body) {
        return "---\nname: " + name + "\ndescription: Learned from a run.\nversion: " + version + "\ncategory: "
                + category + "\n---\n\n" + body + "\n";
    }

    private TestAgents passingTeam() {
        return new TestAgents(tmp.resolve("agents"))
                .agent(
                        "impl",
                        "implementer",
                        answer("{\"confidence\": 0.9, \"summary\": \"wrote x\", \"files\": [\"x\"],"
                                + " \"feedback\": [{\"severity\": \"WARNING\", \"message\": \"x lacks tests\"}]}"))
                .agent("val", "validator", answer("{\"confidence\": 1.0}"))
                .agent("po", "product-owner", answer("{\"decision\": \"PROCEED\", \"reasoning\": \"done\"}"));
    }

    @Test
    void after_a_proceed_the_reflectors_skills_wait_for_approval_and_a_bad_one_is_reported() throws Exception {
        TestAgents agents = passingTeam()
                .agent(
                        "learner",
                        "reflector",
                        reflectorAnswering(
                                skillMd("write-tests-first", "0.1.0", "testing", "Write the test before x."),
                                "no front matter at all",
                                skillMd("tdd", "1.1.0", "testing", "Also test x's edges.")));
        Path work = Files.createDirectories(tmp.resolve("work"));
        try (LoopHarness loop = new LoopHarness(tmp.resolve("home"), agents.dir())) {
            loop.registry.propose(List.of(SkillMd.of("tdd").parsedIn(tmp.resolve("skills"))), null, false);
            loop.registry.deploy(
                    new DeployRequest("tdd", null, List.of("impl"), 3, false, Mapping.Conditions.NONE, false));

            RunReport report = loop.executor
                    .reflectWith("learner")
                    .start(LoopHarness.settings("write x", 2, List.of("impl"), List.of("val"), "po", List.of(), work));

            assertThat(report.status()).isEqualTo(RunStatus.SUCCESS);
            String run = report.runId();
            assertThat(loop.store.run(run).orElseThrow().status()).isEqualTo(RunStatus.SUCCESS);
            // the history the reflector read
            JsonNode history = agents.stdin("learner-reflect-1");
            assertThat(history.get("loop").asText()).isEqualTo("reflection");
            assertThat(history.get("task").asText()).isEqualTo("write x");
            assertThat(history.get("decision").asText()).isEqualTo("PROCEED");
            assertThat(history.get("acceptance_criteria")).isEmpty();
            JsonNode first = history.get("iterations").get(0);
            assertThat(first.get("decision").asText()).isEqualTo("PROCEED");
            assertThat(first.get("agents").findValuesAsText("agent_id"))
                    .containsExactlyInAnyOrder("impl-1-1", "val-1-1", "po-1-1");
            assertThat(first.get("agents").toString()).contains("x lacks tests");
            // proposed, pending, never deployed, with where they came from
            assertThat(loop.registry.pending())
                    .extracting(PendingVersion::skill, PendingVersion::version, PendingVersion::origin)
                    .containsExactlyInAnyOrder(
                            org.assertj.core.groups.Tuple.tuple(
                                    "write-tests-first", "0.1.0", SkillOrigin.reflection(run)),
                            org.assertj.core.groups.Tuple.tuple("tdd", "1.1.0", SkillOrigin.reflection(run)));
            assertThat(loop.registry.skill("tdd").deployedVersion()).isEqualTo("1.0.0");
            assertThat(loop.registry.skill("write-tests-first").deployedVersion())
                    .isNull();
            assertThat(loop.registry.version("write-tests-first", null).state()).isEqualTo(VersionState.PENDING);
            // stored with the run, and told
            Map<String, Object> reflection = loop.store.reflection(run).orElseThrow();
            assertThat(reflection)
                    .containsEntry("state", Reflection.DONE)
                    .containsEntry("proposed", List.of("write-tests-first 0.1.0", "tdd 1.1.0"));
            assertThat((List<?>) reflection.get("problems"))
                    .singleElement()
                    .asString()
                    .startsWith(Path.of("reflection", run, "skill-2", "SKILL.md") + ":1: missing front matter");
            assertThat(loop.events)
                    .filteredOn(e -> e instanceof LoopEvent.Reflected)
                    .singleElement()
                    .extracting(e -> ((LoopEvent.Reflected) e).proposed())
                    .isEqualTo(List.of("write-tests-first 0.1.0", "tdd 1.1.0"));
            // the reflection came after the stored decision and before the run's last event
            assertThat(loop.events.getLast()).isInstanceOf(LoopEvent.RunFinished.class);
        }
    }

    @Test
    void a_failing_reflector_leaves_the_runs_success_and_says_why() throws Exception {
        TestAgents agents = passingTeam().agent("learner", "reflector", "echo 'crashed' >&2; exit 3");
        Path work = Files.createDirectories(tmp.resolve("work"));
        try (LoopHarness loop = new LoopHarness(tmp.resolve("home"), agents.dir())) {
            RunReport report = loop.executor
                    .reflectWith("learner")
                    .start(LoopHarness.settings("write x", 1, List.of("impl"), List.of("val"), "po", List.of(), work));

            assertThat(report.status()).isEqualTo(RunStatus.SUCCESS);
            Map<String, Object> reflection =
                    loop.store.reflection(report.runId()).orElseThrow();
            assertThat(reflection).containsEntry("state", Reflection.FAILED);
            assertThat(reflection.get("error").toString()).startsWith("reflector learner failure");
            assertThat(loop.registry.pending()).isEmpty();
        }
    }

    @Test
    void a_run_that_does_not_proceed_does_not_reflect() throws Exception {
        TestAgents agents = new TestAgents(tmp.resolve("agents"))
                .agent("impl", "implementer", answer("{\"confidence\": 0.2}"))
                .agent("learner", "reflector", reflectorAnswering(skillMd("x", "1.0.0", "testing", "x")));
        Path work = Files.createDirectories(tmp.resolve("work"));
        try (LoopHarness loop = new LoopHarness(tmp.resolve("home"), agents.dir())) {
            RunReport report = loop.executor
                    .reflectWith("learner")
                    .start(LoopHarness.settings("write x", 1, List.of("impl"), List.of(), null, List.of(), work));

            assertThat(report.status()).isEqualTo(RunStatus.FAILED);
            assertThat(agents.calls("learner")).isZero();
            assertThat(loop.store.reflection(report.runId()).orElseThrow()).containsEntry("state", Reflection.PLANNED);
        }
    }

    @Test
    void an_undefined_reflector_is_refused_before_anything_is_stored() throws Exception {
        TestAgents agents = passingTeam();
        try (LoopHarness loop = new LoopHarness(tmp.resolve("home"), agents.dir())) {
            assertThatThrownBy(() -> loop.executor.reflectWith("ghost"))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessage("--reflect names agent 'ghost', which is not defined (see 'cfn agent list')");
            assertThat(loop.count("SELECT COUNT(*) FROM loop_runs")).isZero();
        }
    }
}
