package dev.cfn.loadtest;

import java.util.List;

/**
 * What a load test ran and measured.
 *
 * @param task the coordination task id of the run (its keys are removed at the end)
 * @param coordinator where the keys lived: {@code in-process} or the Redis URL without password
 * @param runtime {@code process} or {@code warm}
 * @param agent the agent type run each round
 * @param agents how many agents were kept busy at once
 * @param durationSeconds the planned duration
 * @param samples one per second
 */
public record LoadReport(
        String task,
        String coordinator,
        String runtime,
        String agent,
        int agents,
        long durationSeconds,
        List<Sample> samples,
        LoadSummary summary) {
    public LoadReport {
        samples = List.copyOf(samples);
    }
}
