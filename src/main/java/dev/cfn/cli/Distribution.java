package dev.cfn.cli;

import dev.cfn.InvalidInputException;
import dev.cfn.agents.AgentRuntime;
import dev.cfn.coord.RedisStreamWorkQueue;
import dev.cfn.redis.KeyScheme;
import dev.cfn.worker.QueueAgentRuntime;
import java.time.Duration;

/**
 * How a loop hands its agents to workers ({@code --distributed}): the queue's name and how long an
 * agent's task may wait for a worker on top of its own timeout. Opens the queue on the invocation's
 * Redis; close it with the loop.
 */
public record Distribution(String queue, Duration queueWait, Duration heartbeatGrace) {
    public Distribution(String queue, Duration queueWait) {
        this(queue, queueWait, QueueAgentRuntime.DEFAULT_HEARTBEAT_GRACE);
    }

    public Distribution {
        if (heartbeatGrace.isNegative()) {
            throw new InvalidInputException("--heartbeat-grace must not be negative, but was " + heartbeatGrace);
        }
        KeyScheme.requireName("--queue", queue);
        if (queueWait.isNegative() || queueWait.isZero()) {
            throw new InvalidInputException("--queue-wait must be positive, but was " + queueWait);
        }
    }

    /**
     * @throws InvalidInputException if no Redis URL is configured
     */
    static String requireRedis(CliContext ctx) {
        return ctx.settings()
                .redisUrl()
                .orElseThrow(() -> new InvalidInputException(
                        "--distributed needs --redis URL (or env CFN_REDIS_URL): workers take agent work from Redis"));
    }

    /** The queue runtime plus the queue to close afterwards. */
    public record Opened(AgentRuntime runtime, AutoCloseable queue) {}

    /**
     * @throws InvalidInputException if no Redis URL is configured
     * @throws dev.cfn.RetriableException if Redis is down
     */
    public Opened open(CliContext ctx) {
        String url = requireRedis(ctx);
        RedisStreamWorkQueue work = RedisStreamWorkQueue.create(url, queue);
        try {
            QueueAgentRuntime runtime =
                    new QueueAgentRuntime(work, ctx.coordinator(), queueWait, ctx.clock(), heartbeatGrace);
            return new Opened(runtime, () -> {
                runtime.close();
                work.close();
            });
        } catch (RuntimeException e) {
            work.close();
            throw e;
        }
    }
}
