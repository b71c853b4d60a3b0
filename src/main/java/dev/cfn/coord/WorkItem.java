package dev.cfn.coord;

import dev.cfn.redis.KeyScheme;
import java.util.Objects;

/**
 * One task for a worker.
 *
 * @param agentType which workers may run it (those serving this type)
 * @param key the idempotency key {@code run:iteration:agent}: one stored result per key
 * @param payload the self-contained task (JSON), at most 1 MiB
 */
public record WorkItem(String agentType, IdempotencyKey key, String payload) {
    public WorkItem {
        KeyScheme.requireName("agent type", agentType);
        Objects.requireNonNull(key, "key");
        Payloads.require("task payload", payload);
    }
}
