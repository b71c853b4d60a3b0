package dev.cfn.agents.llm.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PathGuardTest {
    @TempDir
    Path tmp;

    private Path work;
    private PathGuard guard;

    @BeforeEach
    void setUp() throws Exception {
        work = Files.createDirectories(tmp.resolve("work"));
        Files.createDirectories(work.resolve(".claude/agents"));
        Files.createDirectories(work.resolve(".cfn"));
        guard = PathGuard.of(work, List.of(work.resolve(".claude/agents"), work.resolve(".cfn"), tmp.resolve("gone")));
    }

    @Test
    void relative_and_absolute_paths_inside_the_workdir_resolve_to_real_paths() throws Exception {
        Path real = work.toRealPath();
        assertThat(guard.resolve("src/app.py")).isEqualTo(real.resolve("src/app.py"));
        assertThat(guard.resolve(real.resolve("a.txt").toString())).isEqualTo(real.resolve("a.txt"));
        assertThat(guard.resolve("src/../b.txt")).isEqualTo(real.resolve("b.txt"));
        assertThat(guard.resolve(".")).isEqualTo(real);
    }

    @Test
    void dot_dot_out_of_the_workdir_is_refused() {
        assertThatThrownBy(() -> guard.resolve("../x"))
                .isInstanceOf(ToolError.class)
                .hasMessageStartingWith("access denied: '../x' is outside the working folder");
    }

    @Test
    void an_absolute_path_outside_is_refused() {
        assertThatThrownBy(() -> guard.resolve("/etc/passwd"))
                .isInstanceOf(ToolError.class)
                .hasMessageStartingWith("access denied: '/etc/passwd' is outside the working folder");
    }

    @Test
    void a_symlink_to_the_root_is_refused_for_what_lies_behind_it_and_for_new_files() throws Exception {
        Files.createSymbolicLink(work.resolve("root"), Path.of("/"));

        assertThatThrownBy(() -> guard.resolve("root/etc/passwd")).hasMessageContaining("outside the working folder");
        assertThatThrownBy(() -> guard.resolve("root/tmp/new-file")).hasMessageContaining("outside the working folder");
        assertThatThrownBy(() -> guard.resolve("root")).hasMessageContaining("outside the working folder");
    }

    @Test
    void a_dangling_symlink_is_refused() throws Exception {
        Files.createSymbolicLink(work.resolve("nowhere"), tmp.resolve("missing/target"));

        assertThatThrownBy(() -> guard.resolve("nowhere")).hasMessageContaining("a link that leads nowhere");
    }

    @Test
    void the_definitions_and_cfn_home_are_refused_inside_the_workdir() {
        assertThatThrownBy(() -> guard.resolve(".claude/agents/coder.md"))
                .isInstanceOf(ToolError.class)
                .hasMessageContaining("which agents may not touch");
        assertThatThrownBy(() -> guard.resolve(".cfn/config")).hasMessageContaining("which agents may not touch");
    }

    @Test
    void a_folder_that_holds_the_whole_workdir_is_not_off_limits() throws Exception {
        PathGuard g = PathGuard.of(work, List.of(tmp));

        assertThat(g.resolve("a.txt")).isEqualTo(work.toRealPath().resolve("a.txt"));
    }
}
