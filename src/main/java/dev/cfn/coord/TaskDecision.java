package dev.cfn.coord;

import dev.cfn.InvalidInputException;
import dev.cfn.redis.KeyScheme;

/** The product owner's decision on a task, stored at {@code swarm:{task}:decision}. */
public enum TaskDecision {
    PROCEED,
    ITERATE,
    ABORT;

    /**
     * Reads a stored value, written by cfn or by any agent with plain Redis commands.
     *
     * @throws InvalidInputException naming the key if the value is not PROCEED, ITERATE or ABORT
     */
    public static TaskDecision parse(String key, String value) {
        for (TaskDecision d : values()) {
            if (d.name().equals(value)) {
                return d;
            }
        }
        throw new InvalidInputException(key + " must hold PROCEED, ITERATE or ABORT, but was '"
                + KeyScheme.printable(String.valueOf(value)) + "'");
    }
}
