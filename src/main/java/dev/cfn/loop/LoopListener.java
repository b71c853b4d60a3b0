package dev.cfn.loop;

import java.util.List;

/**
 * Hears what a run does as it happens (progress lines on a terminal, live events for a dashboard).
 * Called on the executor's threads, agents' events from several at once; must be quick, thread-safe
 * and must not throw.
 */
@FunctionalInterface
public interface LoopListener {
    LoopListener NONE = event -> {};

    void on(LoopEvent event);

    /** One listener telling each of {@code listeners} every event, in order. */
    static LoopListener all(List<LoopListener> listeners) {
        List<LoopListener> copy = List.copyOf(listeners);
        return event -> copy.forEach(l -> l.on(event));
    }
}
