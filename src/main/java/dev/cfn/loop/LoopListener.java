package dev.cfn.loop;

import java.util.List;
import java.util.Map;

/**
 * Hears what a run does as it happens (progress lines on a terminal, live events for a dashboard).
 * Called on the executor's threads; must be quick and must not throw.
 */
@FunctionalInterface
public interface LoopListener {
    LoopListener NONE = (event, data) -> {};

    void on(String event, Map<String, Object> data);

    /** One listener telling each of {@code listeners} every event, in order. */
    static LoopListener all(List<LoopListener> listeners) {
        List<LoopListener> copy = List.copyOf(listeners);
        return (event, data) -> copy.forEach(l -> l.on(event, data));
    }
}
