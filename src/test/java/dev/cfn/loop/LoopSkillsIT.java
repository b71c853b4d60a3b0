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
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every agent run gets its type's skills on stdin and writes one usage row per skill (the dual log). */
class LoopSkillsIT {
    @TempDir
    Path tmp;

    @Test
    void each_agent_run_gets_its_skills_and_logs_one_usage_row_per_skill() throws Exception {
        TestAgents agents = new TestAgents(tmp.resolve("agents"))
                .agent("impl", "implementer", answer("{\"confidence\": 0.5}"))
                .agent("val", "validator", answer("{\"confidence\": 1.0}"));
        Path work = Files.createDirectories(tmp.resolve("work"));
        try (LoopHarness loop = new LoopHarness(tmp.resolve("home"), agents.dir())) {
            deploy(loop, SkillMd.of("tdd").version("1.2.0").body("Write the test first.\n"), "impl");
            deploy(loop, SkillMd.of("naming").body("Name things well.\n"), "impl");
            deploy(loop, SkillMd.of("review").body("Read it twice.\n"), "val");

            RunReport report = loop.executor.start(
                    LoopHarness.settings("write x", 2, List.of("impl", "impl"), List.of("val"), null, List.of(), work));

            assertThat(report.status()).isEqualTo(RunStatus.FAILED);
            JsonNode skills = agents.stdin("impl-2-2").get("skills");
            assertThat(skills).hasSize(2);
            JsonNode tdd = skills.get(0).get("name").asText().equals("tdd") ? skills.get(0) : skills.get(1);
            assertThat(tdd.get("version").asText()).isEqualTo("1.2.0");
            assertThat(tdd.get("content").asText()).contains("Write the test first.");
            assertThat(agents.calls("impl")).isEqualTo(4);
            assertThat(agents.calls("val")).as("the gate failed twice").isZero();
            String byAgent = "SELECT COUNT(*) FROM skill_usage_log WHERE task_id = ? AND agent_id = ?";
            for (String id : List.of("impl-1-1", "impl-1-2", "impl-2-1", "impl-2-2")) {
                assertThat(loop.count(byAgent, report.runId(), id)).as(id).isEqualTo(2);
            }
            assertThat(loop.count("SELECT COUNT(*) FROM skill_usage_log")).isEqualTo(8);
            assertThat(Files.readAllLines(loop.logDir.resolve("usage.jsonl"))).hasSize(8);
        }
    }

    @Test
    void a_validator_gets_the_skills_of_its_own_type_only() throws Exception {
        TestAgents agents = new TestAgents(tmp.resolve("agents"))
                .agent("impl", "implementer", answer("{\"confidence\": 0.9}"))
                .agent("val", "validator", answer("{\"confidence\": 1.0}"));
        Path work = Files.createDirectories(tmp.resolve("work"));
        try (LoopHarness loop = new LoopHarness(tmp.resolve("home"), agents.dir())) {
            deploy(loop, SkillMd.of("tdd").body("Write the test first.\n"), "impl");
            deploy(loop, SkillMd.of("review").body("Read it twice.\n"), "val");

            RunReport report = loop.executor.start(
                    LoopHarness.settings("write x", 1, List.of("impl"), List.of("val"), null, List.of(), work));

            assertThat(report.status()).isEqualTo(RunStatus.SUCCESS);
            assertThat(agents.stdin("val-1-1").get("skills"))
                    .extracting(s -> s.get("name").asText())
                    .containsExactly("review");
            assertThat(loop.count("SELECT COUNT(*) FROM skill_usage_log u JOIN skills s ON s.id = u.skill_id"
                            + " WHERE u.agent_id = 'val-1-1' AND s.name = 'review' AND u.phase = 'loop2'"))
                    .isEqualTo(1);
            assertThat(loop.count("SELECT COUNT(*) FROM skill_usage_log")).isEqualTo(2);
        }
    }

    private void deploy(LoopHarness loop, SkillMd md, String agentType) {
        Path file = md.writeIn(tmp.resolve("skills").resolve(md.name()));
        loop.registry.propose(List.of(new SkillFileParser().read(file)), null, false);
        loop.registry.deploy(
                new DeployRequest(md.name(), null, List.of(agentType), 5, false, Mapping.Conditions.NONE, false));
    }
}
