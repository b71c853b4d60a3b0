package dev.cfn.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunWorktreesTest {
    @TempDir
    Path tmp;

    private Path repo() throws Exception {
        Path work = Files.createDirectories(tmp.resolve("work"));
        Git git = Git.at(work);
        git.run("init", "--quiet", "-b", "main");
        Files.writeString(work.resolve("README"), "r\n");
        git.run("add", "README");
        git.runAsCfn("commit", "--quiet", "-m", "initial");
        return work;
    }

    @Test
    void a_merge_left_half_done_by_a_dead_orchestrator_is_aborted_on_resume_not_committed() throws Exception {
        Path work = repo();
        Path home = tmp.resolve("home");
        RunWorktrees trees = RunWorktrees.of(work, home.resolve("worktrees"), "run-1", List.of(home));
        trees.start();
        Files.writeString(trees.prepare("a-1", false).resolve("same.txt"), "from a\n");
        Files.writeString(trees.prepare("b-1", false).resolve("same.txt"), "from b\n");
        trees.commit("a-1", "a");
        trees.commit("b-1", "b");
        assertThat(trees.merge("a-1")).isEmpty();
        // the orchestrator died inside the second merge
        assertThat(Git.at(work)
                        .tryRunAsCfn("merge", "--no-edit", trees.agentBranch("b-1"))
                        .ok())
                .isFalse();

        trees.start();

        Git git = Git.at(work);
        assertThat(git.tryRun("rev-parse", "--quiet", "--verify", "MERGE_HEAD").ok())
                .isFalse();
        assertThat(work.resolve("same.txt")).hasContent("from a");
        assertThat(git.changedPaths()).isEmpty();
        assertThat(trees.merge("b-1")).containsExactly("same.txt");
        trees.remove();
        assertThat(git.run("worktree", "list").lines()).hasSize(1);
        assertThat(home.resolve("worktrees/run-1")).doesNotExist();
    }

    @Test
    void a_folder_that_is_no_repository_or_has_no_commit_is_refused() throws Exception {
        Path plain = Files.createDirectories(tmp.resolve("plain"));
        assertThatThrownBy(() -> RunWorktrees.of(plain, tmp.resolve("wt"), "run-1", List.of()))
                .isInstanceOf(GitException.class)
                .hasMessage(plain + " is not a git repository");
        Git.at(plain).run("init", "--quiet");
        RunWorktrees empty = RunWorktrees.of(plain, tmp.resolve("wt"), "run-1", List.of());
        assertThatThrownBy(empty::start)
                .isInstanceOf(GitException.class)
                .hasMessage("the repository " + plain.toRealPath() + " has no commit yet: commit once before a run");
    }
}
