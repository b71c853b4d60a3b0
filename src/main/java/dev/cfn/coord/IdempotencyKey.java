package dev.cfn.coord;

import dev.cfn.InvalidInputException;
import dev.cfn.redis.KeyScheme;

/**
 * What makes a result count once: the run, the iteration and the agent. Written {@code
 * run:iteration:agent}; run and agent are {@link KeyScheme#ID ids}, the iteration is from 1.
 */
public record IdempotencyKey(String run, int iteration, String agent) {
    public IdempotencyKey {
        KeyScheme.requireTaskId(run);
        KeyScheme.requireAgentId(agent);
        if (iteration < 1) {
            throw new InvalidInputException("iteration must be >= 1, but was " + iteration);
        }
    }

    @Override
    public String toString() {
        return run + ":" + iteration + ":" + agent;
    }
}
