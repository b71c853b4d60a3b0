package dev.cfn.coord;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * The outcome of a wait: the payloads that arrived (in order of arrival) and the agents that did
 * not signal before the wait ended.
 *
 * @param arrived agent id to payload, in order of arrival
 * @param missing the agents waited on that did not signal (all of them timed out when {@link
 *     #timedOut()})
 * @param needed how many signals the wait asked for
 */
public record WaitResult(Map<String, String> arrived, Set<String> missing, int needed) {
    public WaitResult {
        arrived = Collections.unmodifiableMap(new LinkedHashMap<>(arrived));
        missing = Collections.unmodifiableSet(new LinkedHashSet<>(missing));
        if (needed < 1 || needed > arrived.size() + missing.size()) {
            throw new IllegalArgumentException(
                    "needed must be from 1 to " + (arrived.size() + missing.size()) + ", but was " + needed);
        }
    }

    /** True when fewer than {@code needed} signals arrived before the timeout. */
    public boolean timedOut() {
        return arrived.size() < needed;
    }
}
