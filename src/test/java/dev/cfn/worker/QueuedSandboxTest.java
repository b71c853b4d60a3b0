package dev.cfn.worker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cfn.agents.AgentDefinition;
import dev.cfn.agents.AgentInvocation;
import dev.cfn.coord.IdempotencyKey;
import dev.cfn.protocol.Phase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A run's {@code --sandbox} reaches the worker with the task: it is not in the definition's text. */
class QueuedSandboxTest {
    @TempDir
    Path tmp;

    @Test
    void the_runs_sandbox_override_survives_the_queue() throws Exception {
        Path file = tmp.resolve("agents").resolve("coder.md");
        Files.createDirectories(file.getParent());
        Files.writeString(file, "---\nname: coder\ndescription: d\ncommand: ./coder.sh\n---\nBody.\n");
        AgentDefinition plain = QueuedTask.parseDefinition(file, Files.readString(file));
        IdempotencyKey key = new IdempotencyKey("run-1", 1, "coder-1-1");

        for (String sandbox : List.of("container", "none")) {
            AgentInvocation inv = new AgentInvocation(
                    plain.withExtra("sandbox", sandbox),
                    "run-1",
                    "coder-1-1",
                    1,
                    Phase.LOOP3,
                    "mvp",
                    tmp,
                    Map.of("task", "t"),
                    Map.of(),
                    Duration.ofSeconds(7),
                    tmp);
            String json = new QueuedTask(key, "run-1:queue", 1234, inv).encode(QueuedTask.definitionText(plain));

            assertThat(QueuedTask.decode(json, tmp).invocation().definition().inContainer())
                    .as(sandbox)
                    .isEqualTo(sandbox.equals("container"));
        }
    }
}
