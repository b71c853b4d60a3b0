package dev.cfn.loop;

import java.util.Map;

/**
 * Hears what a run does as it happens (progress lines on a terminal, live events for a dashboard).
 * Called on the executor's threads; must be quick and must not throw.
 */
@FunctionalInterface
public interface LoopListener {
    LoopListener NONE = (event, data) -> {};

    void on(String event, Map<String, Object> data);
}
