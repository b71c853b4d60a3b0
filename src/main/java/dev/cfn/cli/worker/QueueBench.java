package dev.cfn.cli.worker;

import dev.cfn.CfnException;
import dev.cfn.agents.AgentDefinition;
import dev.cfn.agents.AgentInvocation;
import dev.cfn.agents.definition.ParsedAgentFile;
import dev.cfn.coord.Coordinator;
import dev.cfn.coord.IdempotencyKey;
import dev.cfn.coord.WaitResult;
import dev.cfn.coord.WorkItem;
import dev.cfn.coord.WorkQueue;
import dev.cfn.protocol.Phase;
import dev.cfn.worker.QueuedTask;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Pushes instant-agent tasks ({@code /bin/echo} of a JSON answer) through a queue served by real
 * worker processes and waits for every result: the queue's round trip, throughput per worker count.
 */
final class QueueBench {
    static final String AGENT = "instant";

    private final Coordinator coordinator;
    private final AgentDefinition definition;
    private final String definitionText;
    private final Path workdir;

    QueueBench(Coordinator coordinator, Path dir) throws IOException {
        this.coordinator = coordinator;
        Path file = dir.resolve(AGENT + ".md");
        Files.writeString(
                file,
                "---\nname: " + AGENT + "\ndescription: answers at once (benchmark)\nrole: implementer\n"
                        + "command: [/bin/echo, '{\"confidence\": 1.0, \"status\": \"success\"}']\ntimeout: 30s\n---\n"
                        + "Answer at once.\n");
        this.definitionText = Files.readString(file);
        this.definition =
                ((ParsedAgentFile.Agent) new dev.cfn.agents.definition.AgentDefinitionParser().read(file)).definition();
        this.workdir = Files.createDirectories(dir.resolve("work"));
    }

    /**
     * Enqueues {@code tasks} tasks of run {@code run} and waits for all their results.
     *
     * @return the seconds from the first enqueue to the last result
     * @throws CfnException if not every result arrived within the timeout
     */
    double push(WorkQueue queue, String run, int tasks, Duration timeout) {
        String reply = dev.cfn.worker.QueueAgentRuntime.replyTask(run);
        List<String> agents = new ArrayList<>(tasks);
        long start = System.nanoTime();
        for (int i = 1; i <= tasks; i++) {
            String agent = AGENT + "-1-" + i;
            agents.add(agent);
            IdempotencyKey key = new IdempotencyKey(run, 1, agent);
            AgentInvocation inv = new AgentInvocation(
                    definition,
                    run,
                    agent,
                    1,
                    Phase.LOOP3,
                    "mvp",
                    workdir,
                    Map.of("task", "bench"),
                    Map.of(),
                    Duration.ofSeconds(30),
                    workdir);
            long deadline = System.currentTimeMillis() + timeout.toMillis();
            queue.enqueue(new WorkItem(AGENT, key, new QueuedTask(key, reply, deadline, inv).encode(definitionText)));
        }
        WaitResult got = coordinator.awaitSignals(reply, agents, tasks, timeout);
        double seconds = (System.nanoTime() - start) / 1e9;
        coordinator.cleanup(run);
        if (got.timedOut()) {
            throw new CfnException("only " + got.arrived().size() + " of " + tasks + " results arrived within "
                    + timeout.toSeconds() + " s");
        }
        return seconds;
    }
}
