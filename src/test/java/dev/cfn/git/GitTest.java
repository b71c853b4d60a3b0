package dev.cfn.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GitTest {
    @TempDir
    Path dir;

    @Test
    void a_plain_folder_is_no_repository_and_a_new_one_has_no_head() {
        assertThat(Git.at(dir).isRepository()).isFalse();
        assertThat(Git.at(dir.resolve("missing")).isRepository()).isFalse();
        Git git = Git.at(dir);
        git.run("init", "-q");
        assertThat(git.isRepository()).isTrue();
        assertThat(git.head()).isEmpty();
    }

    @Test
    void commits_as_cfn_never_as_the_user_and_lists_changed_paths() throws Exception {
        Git git = Git.at(dir);
        git.run("init", "-q");
        Files.writeString(dir.resolve("a b.txt"), "one\n");
        Files.writeString(dir.resolve("é.txt"), "two\n");
        assertThat(git.changedPaths()).containsExactlyInAnyOrder("a b.txt", "é.txt");
        git.run("add", "-A");
        git.runAsCfn("commit", "-q", "-m", "first");
        assertThat(git.head()).hasValueSatisfying(h -> assertThat(h).hasSize(40));
        assertThat(git.run("log", "-1", "--format=%an <%ae> / %cn <%ce>").strip())
                .isEqualTo("cfn <cfn@localhost> / cfn <cfn@localhost>");
        assertThat(git.changedPaths()).isEmpty();
        git.run("mv", "a b.txt", "c.txt");
        assertThat(git.changedPaths()).containsExactly("c.txt");
    }

    @Test
    void a_failing_command_names_itself_and_what_git_said() {
        Git git = Git.at(dir);
        assertThatThrownBy(() -> git.run("rev-parse", "HEAD"))
                .isInstanceOf(GitException.class)
                .hasMessageContaining("git rev-parse HEAD in " + dir.toAbsolutePath())
                .hasMessageContaining("not a git repository")
                .hasMessageNotContaining("\n");
    }

    @Test
    void input_reaches_git_on_stdin() {
        Git git = Git.at(dir);
        git.run("init", "-q");
        String id = git.runWithInput("hello\n", "hash-object", "-w", "--stdin").strip();
        assertThat(git.run("cat-file", "-p", id)).isEqualTo("hello\n");
    }
}
