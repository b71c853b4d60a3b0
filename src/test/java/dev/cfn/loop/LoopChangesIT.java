package dev.cfn.loop;

import static dev.cfn.loop.TestAgents.answer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cfn.InvalidInputException;
import dev.cfn.NotFoundException;
import dev.cfn.git.Git;
import dev.cfn.loop.session.RunChanges;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The vapor check without a file list, in a real git repository and in a plain folder, and what a
 * run changed ({@link RunChanges}), with real loops of process agents and a real SQLite file.
 */
class LoopChangesIT {
    private static final Judging REQUIRE_CHANGE = new Judging(List.of(), List.of(), false, true);

    @TempDir
    Path tmp;

    private Path repo() throws Exception {
        Path work = Files.createDirectories(tmp.resolve("work"));
        Git git = Git.at(work);
        git.run("init", "-q");
        Files.writeString(work.resolve("README.md"), "hello\n");
        Files.writeString(work.resolve(".gitignore"), "build/\n");
        git.run("add", "-A");
        git.runAsCfn("commit", "-q", "-m", "start");
        return work;
    }

    private static LoopSettings settings(int max, List<String> loop2, Path work) {
        return LoopHarness.settings("change things", max, List.of("impl"), loop2, null, List.of(), work)
                .withJudging(REQUIRE_CHANGE);
    }

    @Test
    void in_git_an_iteration_whose_implementers_changed_nothing_fails_saying_so() throws Exception {
        Path work = repo();
        TestAgents agents = new TestAgents(tmp.resolve("agents"))
                .agent(
                        "impl",
                        "implementer",
                        "mkdir -p build && echo x > build/out.o\n" + answer("{\"confidence\": 0.9}"));
        // the home inside the workdir changes on every step: it must not count
        try (LoopHarness loop = new LoopHarness(work.resolve(".cfn"), agents.dir())) {
            RunReport report = loop.executor.start(settings(1, List.of(), work));

            IterationRecord first = report.perIteration().get(0);
            assertThat(first.deliverablesOk()).isFalse();
            assertThat(first.deliverableProblems())
                    .containsExactly("nothing changed in the workdir during this iteration"
                            + " (working tree and HEAD as at its start)");
            assertThat(first.reason()).isEqualTo("nothing changed in the workdir during this iteration");
            assertThat(report.status()).isEqualTo(RunStatus.FAILED);
            assertThat(loop.store.startCommit(report.runId()))
                    .isEqualTo(Git.at(work).head());
        }
    }

    @Test
    void a_commit_alone_is_a_change_and_a_new_file_is_one() throws Exception {
        Path work = repo();
        TestAgents agents = new TestAgents(tmp.resolve("agents"))
                .agent(
                        "impl",
                        "implementer",
                        "git -c user.name=t -c user.email=t@localhost commit -q --allow-empty" + " -m empty\n"
                                + answer("{\"confidence\": 0.9}"));
        try (LoopHarness loop = new LoopHarness(tmp.resolve("home"), agents.dir())) {
            RunReport report = loop.executor.start(settings(1, List.of(), work));
            assertThat(report.perIteration().get(0).deliverablesOk()).isTrue();
            assertThat(report.status()).isEqualTo(RunStatus.SUCCESS);
        }
    }

    @Test
    void the_run_keeps_what_each_iteration_changed_without_touching_the_index() throws Exception {
        Path work = repo();
        TestAgents agents = new TestAgents(tmp.resolve("agents"))
                .agent(
                        "impl",
                        "implementer",
                        "echo \"round $CFN_ITERATION\" > notes.txt\n"
                                + "[ \"$CFN_ITERATION\" = 2 ] && echo more >> README.md\n"
                                + answer("{\"confidence\": 0.9}"))
                .agent(
                        "val",
                        "validator",
                        "if [ \"$CFN_ITERATION\" = 1 ]; then " + answer("{\"confidence\": 0.1}") + "; else "
                                + answer("{\"confidence\": 1.0}") + "; fi");
        try (LoopHarness loop = new LoopHarness(tmp.resolve("home"), agents.dir())) {
            RunReport report = loop.executor.start(settings(2, List.of("val"), work));
            assertThat(report.status()).isEqualTo(RunStatus.SUCCESS);
            RunRecord run = loop.store.run(report.runId()).orElseThrow();

            RunChanges whole = RunChanges.of(loop.store, run, null);
            assertThat(whole.files()).containsExactly("README.md", "notes.txt");
            assertThat(whole.diff()).contains("+round 2").contains("+more");
            RunChanges first = RunChanges.of(loop.store, run, 1);
            assertThat(first.files()).containsExactly("notes.txt");
            assertThat(first.diff()).contains("+round 1").doesNotContain("more");
            assertThat(RunChanges.of(loop.store, run, 2).diff()).contains("-round 1", "+round 2", "+more");
            assertThat(Git.at(work).run("diff", "--cached", "--name-only"))
                    .as("the user's index")
                    .isEmpty();
            assertThat(Git.at(work).changedPaths()).containsExactlyInAnyOrder("README.md", "notes.txt");
            assertThatThrownBy(() -> RunChanges.of(loop.store, run, 3))
                    .isInstanceOf(NotFoundException.class)
                    .hasMessage("run '" + run.id() + "' has no iteration 3 (it has 2)");

            deleteTree(work.resolve(".git").resolve("objects")); // as if pruned
            assertThatThrownBy(() -> RunChanges.of(loop.store, run, null).diff())
                    .isInstanceOf(NotFoundException.class)
                    .hasMessage("the workdir " + work + " of run '" + run.id()
                            + "' no longer holds the run's git trees (moved, removed or pruned)");
            assertThat(RunChanges.filesOf(loop.store, run)).isEmpty();
        }
    }

    private static void deleteTree(Path dir) throws Exception {
        try (var walk = Files.walk(dir)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
        Files.createDirectories(dir);
    }

    @Test
    void outside_git_a_content_hash_serves_and_gitignored_paths_do_not_count() throws Exception {
        Path work = Files.createDirectories(tmp.resolve("plain"));
        Files.writeString(work.resolve(".gitignore"), "# build output\nbuild/\n*.log\n");
        TestAgents agents = new TestAgents(tmp.resolve("agents"))
                .agent(
                        "impl",
                        "implementer",
                        "mkdir -p build && date +%s%N > build/out.o && date +%s%N > run.log\n"
                                + "[ \"$CFN_ITERATION\" = 2 ] && echo real > result.txt\n"
                                + answer("{\"confidence\": 0.9}"));
        try (LoopHarness loop = new LoopHarness(work.resolve(".cfn"), agents.dir())) {
            RunReport report = loop.executor.start(settings(2, List.of(), work));

            IterationRecord first = report.perIteration().get(0);
            assertThat(first.deliverableProblems())
                    .containsExactly("nothing changed in the workdir during this iteration"
                            + " (the content hash of its files is as at its start)");
            assertThat(report.perIteration().get(1).deliverablesOk()).isTrue();
            assertThat(report.status()).isEqualTo(RunStatus.SUCCESS);
            RunRecord run = loop.store.run(report.runId()).orElseThrow();
            assertThat(loop.store.startCommit(run.id())).isEmpty();
            assertThatThrownBy(() -> RunChanges.of(loop.store, run, null))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessage("run '" + run.id() + "' did not run in a git work tree (" + work + "): it has no diff");
        }
    }

    @Test
    void without_the_requirement_nothing_changed_is_no_problem() throws Exception {
        Path work = repo();
        TestAgents agents =
                new TestAgents(tmp.resolve("agents")).agent("impl", "implementer", answer("{\"confidence\": 0.9}"));
        try (LoopHarness loop = new LoopHarness(tmp.resolve("home"), agents.dir())) {
            RunReport report = loop.executor.start(
                    LoopHarness.settings("look only", 1, List.of("impl"), List.of(), null, List.of(), work));
            assertThat(report.status()).isEqualTo(RunStatus.SUCCESS);
            RunRecord run = loop.store.run(report.runId()).orElseThrow();
            assertThat(RunChanges.of(loop.store, run, null).files())
                    .as("git runs are tracked anyway")
                    .isEmpty();
        }
    }
}
