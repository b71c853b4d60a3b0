package dev.cfn.cli.loop;

import static dev.cfn.loop.TestAgents.answer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cfn.git.Git;
import dev.cfn.loop.TestAgents;
import dev.cfn.testing.Cfn;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code cfn loop run --isolation worktree}, a kill -9 of its orchestrator and {@code cfn loop
 * resume}, and {@code cfn loop prune}, through the real jar on real git repositories.
 */
class LoopWorktreesCliIT {
    @TempDir
    Path tmp;

    private Cfn cfn;
    private Path work;
    private long deadPid = -1;

    @BeforeEach
    void setUp() throws Exception {
        cfn = new Cfn(tmp.resolve("home"), tmp.resolve("scratch"));
        work = Files.createDirectories(tmp.resolve("work"));
        Git git = Git.at(work);
        git.run("init", "--quiet", "-b", "main");
        Files.writeString(work.resolve("README"), "project\n");
        git.run("add", "README");
        git.runAsCfn("commit", "--quiet", "-m", "initial");
    }

    @AfterEach
    void noAgentLeft() {
        if (deadPid > 0) {
            AgentProcesses.kill(deadPid);
        }
    }

    @Test
    void worktree_isolation_outside_a_git_repository_is_a_one_line_error_with_exit_2() throws Exception {
        Path plain = Files.createDirectories(tmp.resolve("plain"));
        TestAgents agents = new TestAgents(tmp.resolve("agents")).agent("a", "implementer", answer("{}"));

        String err = cfn.run(
                        "loop",
                        "run",
                        "t",
                        "--workdir",
                        plain.toString(),
                        "--agents-dir",
                        agents.dir().toString(),
                        "--isolation",
                        "worktree")
                .fails(2);

        assertThat(err)
                .isEqualTo("cfn: --isolation worktree needs a git repository, but --workdir " + plain + " is not one");
        assertThat(agents.calls("a")).isZero();
        assertThat(cfn.run("loop", "list", "--json").ok().json().size()).isZero();
        assertThat(cfn.run("loop", "run", "t", "--workdir", work.toString(), "--isolation", "chroot")
                        .fails(2))
                .isEqualTo("cfn: --isolation must be none or worktree, but was 'chroot'");
    }

    @Test
    void a_killed_run_resumes_merges_both_implementers_and_leaves_no_worktree() throws Exception {
        TestAgents agents = new TestAgents(tmp.resolve("agents"));
        String stuckOnFirstRun = "echo from-b > b.txt\n[ \"$(wc -l < '" + agents.callsFile("b")
                + "')\" -eq 1 ] && sleep 300\n" + answer("{\"confidence\": 0.9}");
        agents.agent("a", "implementer", "echo from-a > a.txt\n" + answer("{\"confidence\": 0.9}"))
                .agent("b", "implementer", "60s", stuckOnFirstRun);
        Cfn.Running first = cfn.startWithHome(
                "loop",
                "run",
                "write files",
                "--workdir",
                work.toString(),
                "--agents-dir",
                agents.dir().toString(),
                "--isolation",
                "worktree",
                "--json");
        deadPid = first.process().pid();
        Path worktrees = tmp.resolve("home").resolve("worktrees");
        await().atMost(Duration.ofSeconds(60)).until(() -> agents.calls("b") == 1 && agents.calls("a") == 1);
        first.process().destroyForcibly(); // SIGKILL: no cleanup
        assertThat(first.process().waitFor(10, TimeUnit.SECONDS)).isTrue();
        String runId;
        try (StoredRuns db = StoredRuns.of(cfn)) {
            runId = db.text("SELECT id FROM loop_runs WHERE status = 'running'");
        }
        assertThat(worktrees.resolve(runId).resolve("b-1").resolve("b.txt")).exists();
        assertThat(work.resolve("b.txt")).as("not merged before Loop 3 ended").doesNotExist();

        JsonNode doc = cfn.run(
                        "loop", "resume", runId, "--agents-dir", agents.dir().toString(), "--json")
                .ok()
                .json();

        assertThat(doc.get("status").asText()).isEqualTo("success");
        assertThat(work.resolve("a.txt")).hasContent("from-a");
        assertThat(work.resolve("b.txt")).hasContent("from-b");
        assertThat(worktrees.resolve(runId)).doesNotExist();
        Git git = Git.at(work);
        assertThat(git.run("worktree", "list").lines()).hasSize(1);
        assertThat(git.run("symbolic-ref", "--short", "HEAD").strip()).isEqualTo("cfn/" + runId + "/run");
        assertThat(git.run("branch", "--list", "cfn/" + runId + "/agents/*")).isBlank();
    }

    @Test
    void prune_removes_old_runs_logs_and_worktrees_and_with_runs_their_rows() throws Exception {
        TestAgents agents = new TestAgents(tmp.resolve("agents"))
                .agent("a", "implementer", "echo x > a.txt\n" + answer("{\"confidence\": 0.9}"));
        String runId = cfn.run(
                        "loop",
                        "run",
                        "t",
                        "--workdir",
                        work.toString(),
                        "--agents-dir",
                        agents.dir().toString(),
                        "--json")
                .ok()
                .json()
                .get("run_id")
                .asText();
        Path home = tmp.resolve("home");
        Path stray = Files.createDirectories(home.resolve("logs").resolve("task-old"));
        Files.writeString(stray.resolve("x.out"), "12345");
        Instant longAgo = Instant.now().minus(Duration.ofDays(40));
        Files.setLastModifiedTime(stray.resolve("x.out"), FileTime.from(longAgo));
        Files.setLastModifiedTime(stray, FileTime.from(longAgo));
        // a crashed run's worktree, registered in the repository
        Path left = home.resolve("worktrees").resolve(runId).resolve("a-1");
        Files.createDirectories(left.getParent());
        Git.at(work).run("worktree", "add", "--quiet", "--detach", left.toString());

        JsonNode kept =
                cfn.run("loop", "prune", "--older-than", "30d", "--json").ok().json();

        assertThat(kept.get("runs").size()).isZero();
        assertThat(kept.get("other_folders").get(0).asText()).isEqualTo("logs/task-old");
        assertThat(kept.get("log_bytes").asLong()).isEqualTo(5);
        assertThat(stray).doesNotExist();
        assertThat(home.resolve("logs").resolve(runId)).exists();

        String printed =
                cfn.run("loop", "prune", "--older-than", "0s", "--runs").ok().stdout();

        assertThat(printed).contains("pruned " + runId).contains("of worktrees; deleted 1 runs' rows");
        assertThat(home.resolve("logs").resolve(runId)).doesNotExist();
        assertThat(home.resolve("worktrees").resolve(runId)).doesNotExist();
        assertThat(Git.at(work).run("worktree", "list").lines()).hasSize(1);
        assertThat(cfn.run("loop", "show", runId).fails(3)).contains(runId);
        assertThat(cfn.run("loop", "prune", "--older-than", "soon").fails(2))
                .isEqualTo("cfn: --older-than must be a whole number with a unit d, h, m, s or w (e.g. 30d), but was"
                        + " 'soon'");
    }
}
