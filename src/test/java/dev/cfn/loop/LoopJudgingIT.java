package dev.cfn.loop;

import static dev.cfn.loop.TestAgents.answer;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cfn.skills.DeployRequest;
import dev.cfn.skills.Mapping;
import dev.cfn.skills.file.SkillFileParser;
import dev.cfn.testing.SkillMd;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real loop (process agents that record what they were given, real SQLite) judging with its
 * criteria, targeted feedback, the task's keywords, the gate's zeros and the usage log's
 * confidence_before.
 */
class LoopJudgingIT {
    @TempDir
    Path tmp;

    private static LoopSettings settings(
            String task, int max, List<String> loop3, List<String> loop2, String owner, Path work, Judging judging) {
        return LoopHarness.settings(task, max, loop3, loop2, owner, List.of(), work)
                .withJudging(judging);
    }

    @Test
    void criteria_reach_every_agent_and_the_product_owner_and_are_stored_with_the_run() throws Exception {
        TestAgents agents = new TestAgents(tmp.resolve("agents"))
                .agent("impl", "implementer", answer("{\"confidence\": 0.9}"))
                .agent("val", "validator", answer("{\"confidence\": 1.0}"))
                .agent("po", "product-owner", answer("{\"decision\": \"PROCEED\"}"));
        Path work = Files.createDirectories(tmp.resolve("work"));
        List<String> criteria = List.of("slugify('A B') is 'a-b'", "no new dependency");
        try (LoopHarness loop = new LoopHarness(tmp.resolve("home"), agents.dir())) {
            RunReport report = loop.executor.start(settings(
                    "write slugify",
                    1,
                    List.of("impl"),
                    List.of("val"),
                    "po",
                    work,
                    new Judging(criteria, List.of(), false, false)));

            assertThat(report.status()).isEqualTo(RunStatus.SUCCESS);
            for (String id : List.of("impl-1-1", "val-1-1", "po-1-1")) {
                assertThat(texts(agents.stdin(id).get("acceptance_criteria")))
                        .as(id)
                        .isEqualTo(criteria);
            }
            assertThat(loop.store.criteria(report.runId())).isEqualTo(criteria);
            assertThat(loop.store
                            .run(report.runId())
                            .orElseThrow()
                            .settings()
                            .judging()
                            .criteria())
                    .isEqualTo(criteria);
        }
    }

    @Test
    void an_implementer_gets_the_feedback_naming_its_files_or_work_plus_everything_critical() throws Exception {
        TestAgents agents = new TestAgents(tmp.resolve("agents"))
                .agent("impl-a", "implementer", answer("{\"confidence\": 0.9, \"files\": [\"src/a.py\"]}"))
                .agent("impl-b", "implementer", answer("{\"confidence\": 0.9, \"files\": [\"b.py\"]}"))
                .agent(
                        "val",
                        "validator",
                        "if [ \"$CFN_ITERATION\" = 1 ]; then "
                                + answer("{\"confidence\": 0.2, \"feedback\": ["
                                        + "{\"severity\": \"WARNING\", \"message\": \"a.py: rename x\"},"
                                        + "{\"severity\": \"SUGGESTION\", \"message\": \"b.py could log\"},"
                                        + "{\"severity\": \"CRITICAL\", \"message\": \"no test at all\"},"
                                        + "{\"severity\": \"WARNING\", \"message\": \"impl-b-1-1 left a TODO\"},"
                                        + "{\"severity\": \"WARNING\", \"message\": \"the README is stale\"}]}")
                                + "; else " + answer("{\"confidence\": 1.0}") + "; fi");
        Path work = Files.createDirectories(tmp.resolve("work"));
        try (LoopHarness loop = new LoopHarness(tmp.resolve("home"), agents.dir())) {
            RunReport report = loop.executor.start(settings(
                    "write a and b", 2, List.of("impl-a", "impl-b"), List.of("val"), null, work, Judging.NONE));

            assertThat(report.status()).isEqualTo(RunStatus.SUCCESS);
            String failure = "CRITICAL consensus: mean confidence 0.200 is below 0.80";
            assertThat(agents.feedbackSeen("impl-a-2-1"))
                    .containsExactly(failure, "WARNING a.py: rename x", "CRITICAL no test at all");
            assertThat(agents.feedbackSeen("impl-b-2-1"))
                    .containsExactly(
                            failure,
                            "SUGGESTION b.py could log",
                            "CRITICAL no test at all",
                            "WARNING impl-b-1-1 left a TODO");
            assertThat(agents.stdin("impl-a-2-1").get("feedback_all")).hasSize(6);
            assertThat(agents.feedbackSeen("val-2-1")).as("validators see all").hasSize(6);
            assertThat(agents.stdin("impl-a-1-1").get("feedback")).isEmpty();
        }
    }

    @Test
    void skills_conditioned_on_keywords_go_to_tasks_with_those_words_and_the_versions_given_are_stored()
            throws Exception {
        TestAgents agents =
                new TestAgents(tmp.resolve("agents")).agent("impl", "implementer", answer("{\"confidence\": 0.9}"));
        Path work = Files.createDirectories(tmp.resolve("work"));
        try (LoopHarness loop = new LoopHarness(tmp.resolve("home"), agents.dir())) {
            deploy(loop, SkillMd.of("py-style").version("1.2.0").body("PEP 8.\n"), List.of("python"));
            deploy(loop, SkillMd.of("go-style").body("gofmt.\n"), List.of("golang"));
            deploy(loop, SkillMd.of("always").body("Be careful.\n"), List.of());

            RunReport plain = loop.executor.start(
                    settings("write a Python slugify", 1, List.of("impl"), List.of(), null, work, Judging.NONE));
            assertThat(names(agents.stdin("impl-1-1").get("skills"))).containsExactlyInAnyOrder("py-style", "always");
            assertThat(loop.store.skillsGiven(plain.runId(), 1).get("impl-1-1"))
                    .containsExactlyInAnyOrder("py-style@1.2.0", "always@1.0.0");

            loop.executor.start(settings(
                    "write a Python slugify",
                    1,
                    List.of("impl"),
                    List.of(),
                    null,
                    work,
                    new Judging(List.of(), List.of("GoLang"), false, false)));
            assertThat(names(agents.stdin("impl-1-1").get("skills")))
                    .containsExactlyInAnyOrder("py-style", "go-style", "always");
        }
    }

    @Test
    void a_failed_status_counts_0_at_the_gate_whatever_confidence_it_claims() throws Exception {
        TestAgents agents = new TestAgents(tmp.resolve("agents"))
                .agent("good", "implementer", answer("{\"confidence\": 0.9}"))
                .agent("bad", "implementer", answer("{\"status\": \"failed\", \"confidence\": 0.9}"));
        Path work = Files.createDirectories(tmp.resolve("work"));
        try (LoopHarness loop = new LoopHarness(tmp.resolve("home"), agents.dir())) {
            RunReport report =
                    loop.executor.start(settings("t", 1, List.of("good", "bad"), List.of(), null, work, Judging.NONE));

            IterationRecord first = report.perIteration().get(0);
            assertThat(first.gateScore()).isEqualTo(0.45);
            assertThat(first.gatePassed()).isFalse();
            assertThat(first.reason())
                    .isEqualTo(
                            "gate: only 1 of 2 agents reported a confidence (quorum 0.66) (bad-1-1 counts 0: status failure)");
        }
    }

    @Test
    void loop_usage_rows_carry_the_slots_confidence_of_the_previous_iteration() throws Exception {
        TestAgents agents = new TestAgents(tmp.resolve("agents"))
                .agent(
                        "impl",
                        "implementer",
                        "if [ \"$CFN_ITERATION\" = 1 ]; then " + answer("{\"confidence\": 0.4}") + "; else "
                                + answer("{\"confidence\": 0.8}") + "; fi");
        Path work = Files.createDirectories(tmp.resolve("work"));
        try (LoopHarness loop = new LoopHarness(tmp.resolve("home"), agents.dir())) {
            deploy(loop, SkillMd.of("tdd").body("Test first.\n"), List.of());
            RunReport report =
                    loop.executor.start(settings("t", 2, List.of("impl"), List.of(), null, work, Judging.NONE));

            assertThat(report.status()).isEqualTo(RunStatus.SUCCESS);
            String row = "SELECT COUNT(*) FROM skill_usage_log WHERE agent_id = ? AND ";
            assertThat(loop.count(row + "confidence_before IS NULL AND confidence_after = 0.4", "impl-1-1"))
                    .isEqualTo(1);
            assertThat(loop.count(row + "confidence_before = 0.4 AND confidence_after = 0.8", "impl-2-1"))
                    .isEqualTo(1);
        }
    }

    private void deploy(LoopHarness loop, SkillMd md, List<String> keywords) {
        Path file = md.writeIn(tmp.resolve("skills").resolve(md.name()));
        loop.registry.propose(List.of(new SkillFileParser().read(file)), null, false);
        loop.registry.deploy(new DeployRequest(
                md.name(),
                null,
                List.of("impl"),
                5,
                false,
                new Mapping.Conditions(List.of(), keywords, List.of()),
                false));
    }

    private static List<String> names(JsonNode skills) {
        List<String> out = new ArrayList<>();
        skills.forEach(s -> out.add(s.get("name").asText()));
        return out;
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
