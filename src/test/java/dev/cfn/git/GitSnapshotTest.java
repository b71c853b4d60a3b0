package dev.cfn.git;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GitSnapshotTest {
    @TempDir
    Path dir;

    @Test
    void a_snapshot_holds_untracked_files_leaves_out_ignored_and_excluded_ones_and_keeps_the_index() throws Exception {
        Git git = Git.at(dir);
        git.run("init", "-q");
        Files.writeString(dir.resolve(".gitignore"), "*.tmp\n");
        Files.writeString(dir.resolve("a.txt"), "a\n");
        git.run("add", "-A");
        git.runAsCfn("commit", "-q", "-m", "first");
        String clean = git.snapshotTree(List.of());
        assertThat(clean).isEqualTo(git.run("rev-parse", "HEAD^{tree}").strip());

        Files.writeString(dir.resolve("x.tmp"), "ignored\n");
        Files.createDirectories(dir.resolve(".cfn/logs"));
        Files.writeString(dir.resolve(".cfn/logs/l"), "excluded\n");
        assertThat(git.snapshotTree(List.of(dir.resolve(".cfn")))).isEqualTo(clean);

        Files.writeString(dir.resolve("b.txt"), "b\n");
        String changed = git.snapshotTree(List.of(dir.resolve(".cfn")));
        assertThat(changed).isNotEqualTo(clean);
        assertThat(git.changedBetween(clean, changed)).containsExactly("b.txt");
        assertThat(git.diff(clean, changed)).contains("+b");
        assertThat(git.run("diff", "--cached", "--name-only")).isEmpty();
        assertThat(git.hasObject(changed)).isTrue();
        assertThat(git.hasObject("0".repeat(40))).isFalse();
    }
}
