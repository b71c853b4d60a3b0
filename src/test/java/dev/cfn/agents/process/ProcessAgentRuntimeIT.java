package dev.cfn.agents.process;

import static dev.cfn.agents.AgentFixtures.command;
import static dev.cfn.agents.AgentFixtures.gone;
import static dev.cfn.agents.AgentFixtures.invocation;
import static dev.cfn.agents.AgentFixtures.pidIn;
import static dev.cfn.agents.AgentFixtures.script;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cfn.RetriableException;
import dev.cfn.agents.AgentDefinition;
import dev.cfn.agents.AgentResult;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcessAgentRuntimeIT {
    @TempDir
    Path dir;

    private final ProcessAgentRuntime runtime = ProcessAgentRuntime.create(Duration.ofMillis(500));

    @Test
    void the_agent_gets_the_protocol_environment_and_its_input_on_stdin() throws Exception {
        Path agent = script(dir, "agent.sh", """
                #!/bin/bash
                input=$(cat)
                echo "progress: working" >&2
                echo "thinking..."
                printf '{"confidence": 0.8, "status": "success", "summary": "%s|%s|%s|%s|%s|%s|%s|%s", "files": ["hello.py"]}\\n' \\
                  "$CFN_TASK_ID" "$CFN_AGENT_ID" "$CFN_AGENT_TYPE" "$CFN_ITERATION" "$CFN_LOOP" "$CFN_MODE" "$CFN_REDIS_URL" "$PWD"
                echo "$input" > received.json
                """);

        AgentResult r =
                runtime.run(invocation(command("coder", List.of(agent.toString())), dir, Duration.ofSeconds(20)));

        assertThat(r.status()).isEqualTo(AgentResult.Status.SUCCESS);
        assertThat(r.confidence()).isEqualTo(0.8);
        assertThat(r.confidenceReason()).isNull();
        assertThat(r.exitCode()).isZero();
        assertThat(r.summary()).isEqualTo("task-1|coder-1-1|coder|1|loop3|mvp|redis://127.0.0.1:6379|" + dir);
        assertThat(r.files()).containsExactly("hello.py");
        assertThat(new ObjectMapper().readValue(dir.resolve("received.json").toFile(), Map.class))
                .isEqualTo(Map.of("task", "write hello", "iteration", 1));
        assertThat(dir.resolve("logs/task-1/coder-1-1.log")).hasContent("progress: working");
    }

    @Test
    void a_non_zero_exit_is_a_failure_with_zero_confidence_whatever_it_printed() throws Exception {
        Path agent =
                script(dir, "bad.sh", "#!/bin/sh\necho '{\"confidence\": 0.95}'\necho 'boom: disk full' >&2\nexit 3\n");

        AgentResult r = runtime.run(invocation(command("bad", List.of(agent.toString())), dir, Duration.ofSeconds(20)));

        assertThat(r.status()).isEqualTo(AgentResult.Status.FAILURE);
        assertThat(r.confidence()).isZero();
        assertThat(r.confidenceReason()).isEqualTo("exited with code 3: boom: disk full");
        assertThat(r.exitCode()).isEqualTo(3);
    }

    @Test
    void silence_is_zero_confidence_with_the_reason() throws Exception {
        AgentResult r = runtime.run(invocation(command("mute", List.of("/bin/true")), dir, Duration.ofSeconds(20)));

        assertThat(r.status()).isEqualTo(AgentResult.Status.SUCCESS);
        assertThat(r.confidence()).isZero();
        assertThat(r.confidenceReason()).isEqualTo("no confidence reported");
    }

    @Test
    void a_grandchild_left_running_after_success_is_ended() throws Exception {
        Path agent = script(dir, "forker.sh", """
                #!/bin/sh
                sleep 300 &
                echo $! > grandchild.pid
                setsid sh -c 'sleep 300' > /dev/null 2>&1 < /dev/null &
                echo $! > daemon.pid
                echo '{"confidence": 0.9}'
                """);

        AgentResult r =
                runtime.run(invocation(command("forker", List.of(agent.toString())), dir, Duration.ofSeconds(20)));

        assertThat(r.confidence()).isEqualTo(0.9);
        long grandchild = pidIn(dir.resolve("grandchild.pid"));
        long daemon = pidIn(dir.resolve("daemon.pid"));
        await().atMost(Duration.ofSeconds(10)).until(() -> gone(grandchild) && gone(daemon));
    }

    @Test
    void a_timeout_ends_the_whole_tree_and_is_reported() throws Exception {
        Path agent = script(dir, "stuck.sh", """
                #!/bin/bash
                trap '' TERM
                sleep 300 &
                echo $! > grandchild.pid
                echo $$ > child.pid
                while true; do sleep 1; done
                """);

        AgentResult r =
                runtime.run(invocation(command("stuck", List.of(agent.toString())), dir, Duration.ofSeconds(2)));

        assertThat(r.status()).isEqualTo(AgentResult.Status.TIMEOUT);
        assertThat(r.confidence()).isZero();
        assertThat(r.confidenceReason()).isEqualTo("timed out after 2s");
        assertThat(r.exitCode()).isEqualTo(-1);
        long child = pidIn(dir.resolve("child.pid"));
        long grandchild = pidIn(dir.resolve("grandchild.pid"));
        await().atMost(Duration.ofSeconds(10)).until(() -> gone(child) && gone(grandchild));
    }

    @Test
    void a_program_that_cannot_start_is_a_retriable_error() {
        AgentDefinition d =
                command("ghost", List.of(dir.resolve("no-such-program").toString()));

        assertThatThrownBy(() -> runtime.run(invocation(d, dir, Duration.ofSeconds(5))))
                .isInstanceOf(RetriableException.class)
                .hasMessageStartingWith("cannot start agent ghost-1-1 (" + dir.resolve("no-such-program") + "): ");
    }
}
