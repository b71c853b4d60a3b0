package dev.cfn.cli.worker;

import static dev.cfn.loop.TestAgents.answer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cfn.coord.RedisStreamWorkQueue;
import dev.cfn.git.Git;
import dev.cfn.loop.TestAgents;
import dev.cfn.testing.Cfn;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Workers without the orchestrator's disk: the workdir is a git repository, so each task carries a
 * git bundle of it through Redis; two {@code cfn worker} processes, each with its own home and its
 * own clone, check the commit out, run the agent there and send its commit back; the orchestrator
 * merges the implementers' work ({@code --isolation worktree}) and the validators see the merge.
 */
class DistributedGitIT {
    @TempDir
    Path tmp;

    private final String queue = "it-" + UUID.randomUUID().toString().substring(0, 8);
    private final List<Cfn.Running> workers = new ArrayList<>();

    @AfterEach
    void cleanUp() throws Exception {
        for (Cfn.Running w : workers) {
            w.process().destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        try (RedisStreamWorkQueue q = RedisStreamWorkQueue.create(WorkerCliIT.URL, queue)) {
            q.purge();
        }
    }

    @Test
    void workers_on_their_own_clones_run_the_agents_and_their_work_is_merged_here() throws Exception {
        Path work = Files.createDirectories(tmp.resolve("work"));
        Git git = Git.at(work);
        git.run("init", "--quiet", "-b", "main");
        Files.writeString(work.resolve("README"), "committed\n");
        git.run("add", "README");
        git.runAsCfn("commit", "--quiet", "-m", "initial");
        Files.writeString(work.resolve("notes.txt"), "not committed yet\n");
        Path seen = Files.createDirectories(tmp.resolve("seen"));
        String record = "pwd > '" + seen + "/'\"$CFN_AGENT_ID\".pwd; cat README notes.txt > '" + seen
                + "/'\"$CFN_AGENT_ID\".saw\n";
        TestAgents agents = new TestAgents(tmp.resolve("agents"))
                .agent("a", "implementer", record + "echo from-a > a.txt\n" + answer("{\"confidence\": 0.9}"))
                .agent(
                        "b",
                        "implementer",
                        record + "echo from-b > b.txt\nrm notes.txt\n" + answer("{\"confidence\": 0.9}"))
                .agent(
                        "val",
                        "validator",
                        record + "if [ -f a.txt ] && [ -f b.txt ]; then " + answer("{\"confidence\": 1.0}") + "; else "
                                + answer("{\"confidence\": 0.0}") + "; fi");
        startWorkers();
        Cfn orchestrator = new Cfn(tmp.resolve("home"), tmp.resolve("scratch"));

        Cfn.Result result = orchestrator.run(
                "loop",
                "run",
                "write files",
                "--workdir",
                work.toString(),
                "--agents-dir",
                agents.dir().toString(),
                "--loop3",
                "a,b",
                "--loop2",
                "val",
                "--mode",
                "mvp",
                "--isolation",
                "worktree",
                "--distributed",
                "--queue",
                queue,
                "--queue-wait",
                "60s",
                "--redis",
                WorkerCliIT.URL,
                "--json");

        assertThat(result.exit()).as(result.toString()).isZero();
        JsonNode doc = result.json();
        assertThat(doc.get("status").asText()).isEqualTo("success");
        assertThat(doc.get("per_iteration").get(0).get("loop2_consensus").asDouble())
                .as("the validator saw both implementers' files")
                .isEqualTo(1.0);
        for (String agent : List.of("a-1-1", "b-1-1", "val-1-1")) {
            String pwd = Files.readString(seen.resolve(agent + ".pwd")).strip();
            assertThat(pwd).as(agent).matches(tmp + "/worker-[12]/worktrees/.*");
            assertThat(seen.resolve(agent + ".saw")).as(agent).content().startsWith("committed\n");
        }
        assertThat(seen.resolve("a-1-1.saw")).content().contains("not committed yet");
        assertThat(work.resolve("a.txt")).hasContent("from-a");
        assertThat(work.resolve("b.txt")).hasContent("from-b");
        assertThat(work.resolve("notes.txt")).as("deleted by b on its worker").doesNotExist();
        assertNoWorktreeLeftInClones();
    }

    @Test
    void definitions_kept_in_the_repository_are_read_from_the_workers_checkout() throws Exception {
        Path work = Files.createDirectories(tmp.resolve("work"));
        Path agents = Files.createDirectories(work.resolve(".claude/agents"));
        Path seen = Files.createDirectories(tmp.resolve("seen"));
        Files.writeString(
                agents.resolve("coder.md"),
                "---\nname: coder\ndescription: writes\nrole: implementer\ncommand: ./coder.sh\ntimeout: 30s\n---\nWrite.\n");
        Path script = agents.resolve("coder.sh");
        Files.writeString(
                script,
                "#!/bin/sh\ncat > /dev/null\ncd \"$(dirname \"$0\")\" && pwd > '" + seen
                        + "/script.dir'\ncd \"$CFN_WORKDIR\"\necho done > out.txt\n"
                        + answer("{\"confidence\": 0.9}") + "\n");
        script.toFile().setExecutable(true);
        Git git = Git.at(work);
        git.run("init", "--quiet", "-b", "main");
        git.run("add", ".");
        git.runAsCfn("commit", "--quiet", "-m", "agents");
        startWorkers();

        Cfn.Result result = new Cfn(tmp.resolve("home"), tmp.resolve("scratch"))
                .run(
                        "loop",
                        "run",
                        "write out.txt",
                        "--workdir",
                        work.toString(),
                        "--mode",
                        "mvp",
                        "--distributed",
                        "--queue",
                        queue,
                        "--queue-wait",
                        "60s",
                        "--redis",
                        WorkerCliIT.URL,
                        "--json");

        assertThat(result.exit()).as(result.toString()).isZero();
        assertThat(Files.readString(seen.resolve("script.dir")).strip())
                .as("the script of the worker's checkout ran, not the orchestrator's")
                .matches(tmp + "/worker-[12]/worktrees/.*/\\.claude/agents");
        assertThat(work.resolve("out.txt")).hasContent("done");
        assertThat(git.run("rev-list", "--count", "main").strip())
                .as("without isolation the user's branch gets no commit")
                .isEqualTo("1");
        assertNoWorktreeLeftInClones();
    }

    private void startWorkers() {
        for (int i = 1; i <= 2; i++) {
            workers.add(new Cfn(tmp.resolve("worker-" + i), tmp.resolve("scratch-w" + i))
                    .startWithHome(
                            "worker",
                            "--redis",
                            WorkerCliIT.URL,
                            "--queue",
                            queue,
                            "--concurrency",
                            "2",
                            "--id",
                            queue + "-w" + i));
        }
        await().atMost(Duration.ofSeconds(60))
                .until(() ->
                        workers.stream().allMatch(w -> WorkerCliIT.read(w.err()).contains("serving queue")));
    }

    private void assertNoWorktreeLeftInClones() throws Exception {
        for (int i = 1; i <= 2; i++) {
            Path clones = tmp.resolve("worker-" + i).resolve("clones");
            if (Files.isDirectory(clones)) {
                try (Stream<Path> s = Files.list(clones)) {
                    for (Path clone : s.toList()) {
                        assertThat(Git.at(clone).run("worktree", "list").lines())
                                .as("no worktree left in " + clone)
                                .hasSize(1);
                    }
                }
            }
        }
        assertThat(Files.isDirectory(tmp.resolve("worker-1/clones"))
                        || Files.isDirectory(tmp.resolve("worker-2/clones")))
                .isTrue();
    }
}
