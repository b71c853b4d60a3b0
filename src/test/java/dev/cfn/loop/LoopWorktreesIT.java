package dev.cfn.loop;

import static dev.cfn.loop.TestAgents.answer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cfn.InvalidInputException;
import dev.cfn.agents.AgentResult;
import dev.cfn.agents.Feedback;
import dev.cfn.git.Git;
import dev.cfn.protocol.Phase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --isolation worktree} on real git repositories: each implementer in its own worktree,
 * their work merged into the run branch after Loop 3, a conflict fed back, nothing left behind.
 */
class LoopWorktreesIT {
    @TempDir
    Path tmp;

    private Path repo() throws Exception {
        Path work = Files.createDirectories(tmp.resolve("work"));
        Git git = Git.at(work);
        git.run("init", "--quiet", "-b", "main");
        Files.writeString(work.resolve("README"), "the user's project\n");
        git.run("add", "README");
        git.runAsCfn("commit", "--quiet", "-m", "initial");
        return work;
    }

    private LoopSettings isolated(List<String> loop3, int maxIterations, Path work) {
        return LoopHarness.settings("write files", maxIterations, loop3, List.of(), null, List.of(), work)
                .withIsolation("worktree");
    }

    private static void assertNothingLeft(Path home, Path work, String runId) {
        Git git = Git.at(work);
        assertThat(git.run("worktree", "list").lines()).hasSize(1);
        assertThat(home.resolve("worktrees").resolve(runId)).doesNotExist();
        assertThat(git.run("branch", "--list", "cfn/" + runId + "/agents/*")).isBlank();
        assertThat(git.run("symbolic-ref", "--short", "HEAD").strip()).isEqualTo("cfn/" + runId + "/run");
    }

    @Test
    void two_implementers_writing_different_files_are_both_merged_and_never_saw_each_other() throws Exception {
        Path work = repo();
        Path seen = Files.createDirectories(tmp.resolve("seen"));
        String body = "ls -A > '" + seen + "/'\"$CFN_AGENT_ID\"; pwd > '" + seen + "/'\"$CFN_AGENT_ID\".pwd\n";
        TestAgents agents = new TestAgents(tmp.resolve("agents"))
                .agent("a", "implementer", body + "echo from-a > a.txt\n" + answer("{\"confidence\": 0.9}"))
                .agent("b", "implementer", body + "echo from-b > b.txt\n" + answer("{\"confidence\": 0.9}"));
        Path home = tmp.resolve("home");
        try (LoopHarness loop = new LoopHarness(home, agents.dir())) {
            RunReport report = loop.executor.start(isolated(List.of("a", "b"), 1, work));

            assertThat(report.status()).isEqualTo(RunStatus.SUCCESS);
            assertThat(work.resolve("a.txt")).hasContent("from-a");
            assertThat(work.resolve("b.txt")).hasContent("from-b");
            assertThat(Files.readString(seen.resolve("a-1-1"))).doesNotContain("b.txt");
            assertThat(Files.readString(seen.resolve("b-1-1"))).doesNotContain("a.txt");
            Path root = home.resolve("worktrees").resolve(report.runId()).toAbsolutePath();
            assertThat(Files.readString(seen.resolve("a-1-1.pwd")).strip())
                    .isEqualTo(root.resolve("a-1").toString());
            assertThat(Files.readString(seen.resolve("b-1-1.pwd")).strip())
                    .isEqualTo(root.resolve("b-1").toString());
            Git git = Git.at(work);
            assertThat(git.run("log", "--format=%an <%ae>", "main..HEAD").lines())
                    .allMatch("cfn <cfn@localhost>"::equals);
            assertThat(git.run("log", "-1", "--format=%an", "main").strip()).isEqualTo("cfn");
            assertThat(git.changedPaths()).isEmpty();
            assertNothingLeft(home, work, report.runId());
        }
    }

    @Test
    void a_conflicting_implementer_is_not_merged_and_its_conflict_is_fed_back_as_critical() throws Exception {
        Path work = repo();
        TestAgents agents = new TestAgents(tmp.resolve("agents"))
                .agent("a", "implementer", "echo from-a > same.txt\n" + answer("{\"confidence\": 0.9}"))
                .agent("b", "implementer", "echo from-b > same.txt\n" + answer("{\"confidence\": 0.9}"));
        Path home = tmp.resolve("home");
        try (LoopHarness loop = new LoopHarness(home, agents.dir())) {
            RunReport report = loop.executor.start(isolated(List.of("a", "b"), 2, work));

            IterationRecord first = loop.store.iterations(report.runId()).get(0);
            assertThat(first.gatePassed()).isFalse();
            assertThat(first.feedback())
                    .filteredOn(f -> f.severity() == Feedback.Severity.CRITICAL)
                    .extracting(Feedback::message)
                    .anySatisfy(m -> assertThat(m).startsWith("b-1-1: ").contains("same.txt"));
            assertThat(Files.readString(agents.dir().resolve("stdin").resolve("b-2-1.json")))
                    .contains("CRITICAL")
                    .contains("same.txt");
            // redone on top of the merged files in iteration 2, b's version merges after a's
            assertThat(report.status()).isEqualTo(RunStatus.SUCCESS);
            assertThat(report.iterations()).isEqualTo(2);
            assertThat(work.resolve("same.txt")).hasContent("from-b");
            assertNothingLeft(home, work, report.runId());
        }
    }

    @Test
    void a_resume_after_a_crash_merges_the_stored_work_and_removes_the_worktrees() throws Exception {
        Path work = repo();
        TestAgents agents = new TestAgents(tmp.resolve("agents"))
                .agent("a", "implementer", "echo again > a.txt\n" + answer("{\"confidence\": 0.9}"))
                .agent("b", "implementer", "echo from-b > b.txt\n" + answer("{\"confidence\": 0.9}"));
        Path home = tmp.resolve("home");
        try (LoopHarness loop = new LoopHarness(home, agents.dir())) {
            LoopSettings settings = isolated(List.of("a", "b"), 1, work);
            // what a crashed orchestrator left: the run branch, a's worktree with its work, a's stored result
            loop.store.create("run-1", settings, Map.of(), 1_000);
            RunWorkspace left = RunWorkspace.of(settings, "run-1", home);
            left.start();
            Files.writeString(left.folder("a-1", false).resolve("a.txt"), "before the crash\n");
            loop.store.startIteration("run-1", 1, 1_000);
            loop.store.storeResult(
                    "run-1",
                    1,
                    Phase.LOOP3,
                    AgentResult.builder("a-1-1", "a").confidence(0.9, null).build(),
                    1_500);
            Git.at(work).run("checkout", "--quiet", "main");

            RunReport report = loop.executor.resume("run-1");

            assertThat(report.status()).isEqualTo(RunStatus.SUCCESS);
            assertThat(agents.calls("a")).isZero();
            assertThat(agents.calls("b")).isEqualTo(1);
            assertThat(work.resolve("a.txt")).hasContent("before the crash");
            assertThat(work.resolve("b.txt")).hasContent("from-b");
            assertNothingLeft(home, work, "run-1");
        }
    }

    @Test
    void worktree_isolation_outside_a_git_repository_fails_before_anything_changes() throws Exception {
        Path work = Files.createDirectories(tmp.resolve("plain"));
        TestAgents agents =
                new TestAgents(tmp.resolve("agents")).agent("a", "implementer", answer("{\"confidence\": 0.9}"));
        try (LoopHarness loop = new LoopHarness(tmp.resolve("home"), agents.dir())) {
            assertThatThrownBy(() -> loop.executor.start(isolated(List.of("a"), 1, work)))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessage("--isolation worktree needs a git repository, but --workdir " + work + " is not one");
            assertThat(loop.count("SELECT COUNT(*) FROM loop_runs")).isZero();
            assertThat(agents.calls("a")).isZero();
        }
    }
}
