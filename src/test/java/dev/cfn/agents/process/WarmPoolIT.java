package dev.cfn.agents.process;

import static dev.cfn.agents.AgentFixtures.definition;
import static dev.cfn.agents.AgentFixtures.gone;
import static dev.cfn.agents.AgentFixtures.invocation;
import static dev.cfn.agents.AgentFixtures.script;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.cfn.agents.AgentDefinition;
import dev.cfn.agents.AgentFixtures;
import dev.cfn.agents.AgentInvocation;
import dev.cfn.agents.AgentResult;
import dev.cfn.agents.RuntimeKind;
import dev.cfn.protocol.Phase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WarmPoolIT {
    /** Answers each task line; 'crash' in the task exits, 'hang' never answers; records its pid and a grandchild. */
    private static final String WORKER = """
            #!/usr/bin/env python3
            import json, os, subprocess, sys
            child = subprocess.Popen(["sleep", "300"])
            with open(os.path.join(os.environ["CFN_WORKDIR"], "pids"), "a") as f:
                f.write(f"{os.getpid()} {child.pid}\\n")
            for line in sys.stdin:
                task = json.loads(line)
                what = task["input"]["task"]
                if what == "crash":
                    sys.exit(7)
                if what == "hang":
                    import time
                    time.sleep(300)
                print("log line, not an answer", flush=True)
                print(json.dumps({"confidence": 0.75, "summary": task["agent_id"] + " " + str(os.getpid()) + " " + what}),
                      flush=True)
            """;

    @TempDir
    Path dir;

    private final WarmPool pool = WarmPool.create(2, Duration.ofSeconds(2));

    @AfterEach
    void close() {
        pool.close();
    }

    private AgentDefinition warm() throws Exception {
        Path worker = script(dir, "worker.py", WORKER);
        return definition("warm-coder", RuntimeKind.COMMAND, List.of(worker.toString()), null, null, true, Map.of());
    }

    private AgentInvocation task(AgentDefinition d, String what, int instance, Duration timeout) {
        AgentInvocation base = invocation(d, dir, timeout, instance);
        return new AgentInvocation(
                d,
                base.taskId(),
                base.agentId(),
                1,
                Phase.LOOP3,
                "mvp",
                dir,
                Map.of("task", what),
                Map.of(),
                timeout,
                base.logDir());
    }

    /** The pids of the workers and their children, once {@code workers} workers have booted. */
    private Set<Long> pids(int workers) throws Exception {
        await().atMost(Duration.ofSeconds(20))
                .until(() -> Files.exists(dir.resolve("pids"))
                        && Files.readAllLines(dir.resolve("pids")).size() >= workers);
        return Files.readAllLines(dir.resolve("pids")).stream()
                .flatMap(l -> java.util.Arrays.stream(l.split(" ")))
                .map(Long::parseLong)
                .collect(Collectors.toSet());
    }

    @Test
    void tasks_go_to_persistent_processes_that_answer_one_line_each() throws Exception {
        AgentDefinition d = warm();

        AgentResult first = pool.run(task(d, "a", 1, Duration.ofSeconds(20)));
        AgentResult second = pool.run(task(d, "b", 2, Duration.ofSeconds(20)));
        AgentResult third = pool.run(task(d, "c", 3, Duration.ofSeconds(20)));

        assertThat(first.status()).isEqualTo(AgentResult.Status.SUCCESS);
        assertThat(first.confidence()).isEqualTo(0.75);
        assertThat(first.summary()).startsWith("warm-coder-1-1 ").endsWith(" a");
        assertThat(second.summary()).endsWith(" b");
        assertThat(third.summary()).endsWith(" c");
        assertThat(pids(2)).hasSize(4);
        assertThat(Files.readAllLines(dir.resolve("pids"))).hasSize(2); // two kept warm, none started per task
        assertThat(pool.idle("warm-coder")).isEqualTo(2);
    }

    @Test
    void a_crashed_process_is_replaced_and_its_task_fails() throws Exception {
        AgentDefinition d = warm();
        pool.run(task(d, "a", 1, Duration.ofSeconds(20)));

        AgentResult crashed = pool.run(task(d, "crash", 2, Duration.ofSeconds(20)));

        assertThat(crashed.status()).isEqualTo(AgentResult.Status.FAILURE);
        assertThat(crashed.confidence()).isZero();
        assertThat(crashed.confidenceReason()).isEqualTo("warm agent exited with code 7 before answering");
        await().atMost(Duration.ofSeconds(20)).until(() -> pool.idle("warm-coder") == 2);
        assertThat(pool.run(task(d, "after", 3, Duration.ofSeconds(20))).confidence())
                .isEqualTo(0.75);
    }

    @Test
    void a_stuck_process_times_out_is_killed_with_its_tree_and_replaced() throws Exception {
        AgentDefinition d = warm();
        pool.run(task(d, "a", 1, Duration.ofSeconds(20)));
        Set<Long> before = pids(2);

        AgentResult stuck = pool.run(task(d, "hang", 2, Duration.ofSeconds(1)));

        assertThat(stuck.status()).isEqualTo(AgentResult.Status.TIMEOUT);
        assertThat(stuck.confidenceReason()).isEqualTo("timed out after 1s");
        await().atMost(Duration.ofSeconds(20)).until(() -> pool.idle("warm-coder") == 2);
        // the stuck worker and its sleeping child are ended; the other worker and its child are not
        await().atMost(Duration.ofSeconds(10))
                .until(() -> before.stream().filter(AgentFixtures::gone).count() == 2);
    }

    @Test
    void close_leaves_no_process_behind() throws Exception {
        AgentDefinition d = warm();
        pool.run(task(d, "a", 1, Duration.ofSeconds(20)));
        Set<Long> pids = pids(2);
        assertThat(pids).hasSize(4).noneMatch(AgentFixtures::gone);

        pool.close();
        ProcessReaper.global().awaitSweeps();

        await().atMost(Duration.ofSeconds(10)).until(() -> pids.stream().allMatch(AgentFixtures::gone));
        assertThat(gone(ProcessHandle.current().pid())).isFalse();
    }
}
