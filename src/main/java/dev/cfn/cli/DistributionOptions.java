package dev.cfn.cli;

import dev.cfn.cli.coord.DurationConverter;
import java.time.Duration;
import picocli.CommandLine.Option;

/** {@code --distributed}, {@code --queue} and {@code --queue-wait}: a mixin of the loop commands. */
public final class DistributionOptions {
    @Option(
            names = "--distributed",
            description = "Hand agents to 'cfn worker' processes through the Redis queue (needs --redis).")
    boolean distributed;

    @Option(
            names = "--queue",
            defaultValue = "default",
            paramLabel = "NAME",
            description = "With --distributed: the queue the workers serve (default: default).")
    String queue;

    @Option(
            names = "--queue-wait",
            defaultValue = "10m",
            converter = DurationConverter.class,
            paramLabel = "D",
            description = "With --distributed: how long a task may wait for a worker, on top of the agent's timeout.")
    Duration queueWait;

    @Option(
            names = "--heartbeat-grace",
            defaultValue = "30s",
            converter = DurationConverter.class,
            paramLabel = "D",
            description = "With --distributed: how long an agent's expired heartbeat (its worker died) may stay"
                    + " missing, for another worker to take the task over, before the agent ends as 'heartbeat lost'.")
    Duration heartbeatGrace;

    /**
     * The distribution asked for, or null to run agents in this process.
     *
     * @throws dev.cfn.InvalidInputException if it is asked for without a Redis URL, or a value is invalid
     */
    public Distribution distribution(CliContext ctx) {
        if (!distributed) {
            return null;
        }
        Distribution.requireRedis(ctx);
        return new Distribution(queue, queueWait, heartbeatGrace);
    }
}
