package dev.cfn.cli.loop;

import static dev.cfn.loop.TestAgents.answer;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cfn.git.Git;
import dev.cfn.loop.TestAgents;
import dev.cfn.testing.Cfn;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code cfn loop run --criteria/--criteria-file/--allow-unchanged/--hooks}, {@code loop show} and {@code loop diff}. */
class LoopJudgingCliIT {
    @TempDir
    Path tmp;

    private Cfn cfn;
    private TestAgents agents;

    @BeforeEach
    void setUp() {
        cfn = new Cfn(tmp.resolve("home"), tmp.resolve("scratch"));
        agents = new TestAgents(tmp.resolve("agents"))
                .agent(
                        "impl",
                        "implementer",
                        "echo \"line $CFN_ITERATION\" >> out.txt\n" + answer("{\"confidence\": 0.9}"))
                .agent("idle", "implementer", answer("{\"confidence\": 0.9}"));
    }

    private Cfn.Result run(Path work, String impl, String... more) {
        List<String> args = new ArrayList<>(List.of(
                "loop",
                "run",
                "write out",
                "--workdir",
                work.toString(),
                "--agents-dir",
                agents.dir().toString(),
                "--loop3",
                impl,
                "--loop2",
                "",
                "--json"));
        args.addAll(List.of(more));
        return cfn.run(args.toArray(String[]::new));
    }

    @Test
    void criteria_from_options_and_a_file_are_stored_given_and_shown() throws Exception {
        Path work = Files.createDirectories(tmp.resolve("work"));
        Path file = tmp.resolve("done.txt");
        Files.writeString(file, "tests pass\n\n   \n  no new dependency  \n");
        String runId = run(work, "impl", "--criteria", "out.txt has a line", "--criteria-file", file.toString())
                .ok()
                .json()
                .get("run_id")
                .asText();

        List<String> expected = List.of("out.txt has a line", "tests pass", "no new dependency");
        JsonNode shown = cfn.run("loop", "show", runId, "--json").ok().json();
        List<String> criteria = new ArrayList<>();
        shown.get("criteria").forEach(c -> criteria.add(c.asText()));
        assertThat(criteria).isEqualTo(expected);
        assertThat(agents.stdin("impl-1-1").get("acceptance_criteria")).hasSize(3);
        assertThat(cfn.run("loop", "show", runId).ok().stdout())
                .contains("criteria:\n  - out.txt has a line\n  - tests pass\n  - no new dependency\n");
    }

    @Test
    void a_missing_or_empty_criteria_file_is_one_line_and_stores_nothing() throws Exception {
        Path work = Files.createDirectories(tmp.resolve("work"));
        Path missing = tmp.resolve("nope.txt");
        assertThat(run(work, "impl", "--criteria-file", missing.toString()).fails(2))
                .isEqualTo("cfn: --criteria-file " + missing + " does not exist");
        Path blank = tmp.resolve("blank.txt");
        Files.writeString(blank, "\n  \n");
        assertThat(run(work, "impl", "--criteria-file", blank.toString()).fails(2))
                .isEqualTo("cfn: --criteria-file " + blank + " has no criterion (one per line)");
        assertThat(run(work, "impl", "--criteria", " ").fails(2)).isEqualTo("cfn: --criteria must not be empty");
        assertThat(cfn.run("loop", "list", "--json").ok().json()).isEmpty();
        assertThat(agents.calls("impl")).isZero();
    }

    @Test
    void an_iteration_that_changes_nothing_fails_unless_the_run_allows_it() throws Exception {
        Path work = Files.createDirectories(tmp.resolve("work"));
        String failed = run(work, "idle", "--max-iterations", "1").fails(1);
        assertThat(failed)
                .endsWith("ended failed: iteration budget of 1 spent; last: nothing changed in the workdir"
                        + " during this iteration");
        run(work, "idle", "--max-iterations", "1", "--allow-unchanged").ok();
    }

    @Test
    void hooks_run_with_the_option_or_the_config_and_not_otherwise() throws Exception {
        Path work = Files.createDirectories(tmp.resolve("work"));
        agents.frontMatter("impl", "lifecycle:\n  pre_task: 'echo pre >> hooks.txt'\n");
        run(work, "impl").ok();
        assertThat(work.resolve("hooks.txt")).doesNotExist();
        run(work, "impl", "--hooks").ok();
        assertThat(Files.readAllLines(work.resolve("hooks.txt"))).containsExactly("pre");
        Files.createDirectories(cfn.home());
        Files.writeString(cfn.home().resolve("config"), "loop.hooks=true\n");
        run(work, "impl").ok();
        assertThat(Files.readAllLines(work.resolve("hooks.txt"))).containsExactly("pre", "pre");
        Files.writeString(cfn.home().resolve("config"), "loop.hooks=maybe\n");
        assertThat(run(work, "impl").fails(2))
                .isEqualTo("cfn: " + cfn.home().resolve("config") + ": loop.hooks must be true or false, but was"
                        + " 'maybe'");
    }

    @Test
    void loop_diff_prints_what_a_git_run_changed_and_show_lists_the_files() throws Exception {
        Path work = Files.createDirectories(tmp.resolve("repo"));
        Git git = Git.at(work);
        git.run("init", "-q");
        Files.writeString(work.resolve("README.md"), "hi\n");
        git.run("add", "-A");
        git.runAsCfn("commit", "-q", "-m", "start");
        String head = git.head().orElseThrow();
        String runId = run(work, "impl").ok().json().get("run_id").asText();

        String diff = cfn.run("loop", "diff", runId).ok().stdout();
        assertThat(diff).startsWith("diff --git a/out.txt b/out.txt").contains("+line 1");
        assertThat(cfn.run("loop", "diff", runId, "--iteration", "1").ok().stdout())
                .isEqualTo(diff);
        JsonNode doc = cfn.run("loop", "diff", runId, "--json").ok().json();
        assertThat(doc.get("files").get(0).asText()).isEqualTo("out.txt");
        JsonNode shown = cfn.run("loop", "show", runId, "--json").ok().json();
        assertThat(shown.get("start_commit").asText()).isEqualTo(head);
        assertThat(shown.get("changed_files").get(0).asText()).isEqualTo("out.txt");
        assertThat(cfn.run("loop", "show", runId).ok().stdout())
                .contains("started at commit: " + head)
                .contains("changed files (cfn loop diff " + runId + "):\n  out.txt\n");

        assertThat(cfn.run("loop", "diff", runId, "--iteration", "4").fails(3))
                .isEqualTo("cfn: run '" + runId + "' has no iteration 4 (it has 1)");
        assertThat(cfn.run("loop", "diff", "run-nope").fails(3)).isEqualTo("cfn: run 'run-nope' does not exist");
        Path plain = Files.createDirectories(tmp.resolve("plain"));
        String plainRun = run(plain, "impl").ok().json().get("run_id").asText();
        assertThat(cfn.run("loop", "diff", plainRun).fails(2))
                .isEqualTo(
                        "cfn: run '" + plainRun + "' did not run in a git work tree (" + plain + "): it has no diff");
    }
}
