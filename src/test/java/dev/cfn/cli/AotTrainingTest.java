package dev.cfn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cfn.store.SqliteNativeLibrary;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The AOT cache's training mix must keep working as the commands change: a failing command trains less. */
class AotTrainingTest {
    @TempDir
    Path dir;

    @AfterEach
    void clearProperties() {
        List.of(
                        SqliteNativeLibrary.PATH_PROPERTY,
                        SqliteNativeLibrary.NAME_PROPERTY,
                        SqliteNativeLibrary.SOURCE_PROPERTY)
                .forEach(System::clearProperty);
    }

    @Test
    void every_command_of_the_mix_succeeds_on_the_example_skills() throws Exception {
        Path examples = Path.of("examples/skills");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isDirectory(examples), "examples/skills is absent");
        Path work = Files.createDirectory(dir.resolve("work"));

        int exit = AotTraining.run(work, examples, env(), AotTraining.Mix.FULL);

        assertThat(exit).isZero();
        assertThat(work.resolve("home/cfn.db")).isRegularFile();
        assertThat(work.resolve("home/logs/usage.jsonl")).isRegularFile();
    }

    @Test
    void without_the_examples_it_trains_on_a_skill_of_its_own() throws Exception {
        Path work = Files.createDirectory(dir.resolve("work"));

        int exit = AotTraining.run(work, dir.resolve("missing"), env(), AotTraining.Mix.HOT);

        assertThat(exit).isZero();
        assertThat(work.resolve("skills/aot-training/SKILL.md")).isRegularFile();
    }

    @Test
    void the_recorded_mix_is_the_commands_agents_and_scripts_call_most_and_nothing_rare() {
        List<String> commands = AotTraining.hotPaths(Path.of("/h"), List.of("a")).stream()
                .map(c -> String.join(" ", c.subList(2, c.size())))
                .toList();

        assertThat(commands)
                .contains("skill show a", "skill load --agent backend-developer --json", "skill list")
                .anyMatch(c -> c.startsWith("skill log "))
                .noneMatch(c -> c.contains("--help") || c.startsWith("completion"))
                .noneMatch(c -> c.startsWith("analytics") || c.startsWith("db ") || c.startsWith("init"))
                .noneMatch(c -> c.startsWith("skill import") || c.startsWith("skill deploy"));
    }

    @Test
    void the_full_mix_adds_the_reports_and_the_hot_mix_is_named_hot_only() {
        assertThat(AotTraining.reports(Path.of("/h"))).extracting(c -> c.get(2)).containsExactly("analytics", "db");
        assertThat(AotTraining.Mix.named("hot")).isEqualTo(AotTraining.Mix.HOT);
        assertThat(AotTraining.Mix.named(null)).isEqualTo(AotTraining.Mix.FULL);
        assertThat(AotTraining.Mix.named("full")).isEqualTo(AotTraining.Mix.FULL);
    }

    @Test
    void the_set_up_child_work_imports_and_deploys_the_skills() throws Exception {
        Path examples = Path.of("examples/skills");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isDirectory(examples), "examples/skills is absent");
        Path home = dir.resolve("home");

        assertThat(AotTraining.setUpHere(home, examples, env())).isZero();
        assertThat(CliRun.of(env(), List.of("--home", home.toString(), "skill", "load", "--agent", "tester"))
                        .exit())
                .isZero();
    }

    private Map<String, String> env() {
        return Map.of("XDG_CACHE_HOME", dir.resolve("xdg").toString(), "CFN_HOME", "/must/not/be/used");
    }
}
