package dev.cfn.loadtest;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The figures of a whole load test. Latencies are in milliseconds, null when nothing succeeded.
 *
 * @param elapsedSeconds from the first spawn until the last round in flight ended
 * @param spawns agent runs that ended (succeeded or not)
 * @param rounds rounds that ended: spawn, signal, the orchestrator's wait
 * @param failures rounds that failed (agent failure or timeout, coordination error, no signal)
 * @param cutShort rounds that failed after an interrupt (Ctrl-C ends agents under them); not failures
 * @param spawnP50Ms spawn request to the agent's answer in hand (successful runs)
 * @param roundTripP50Ms spawn request to the orchestrator seeing the signal (successful rounds)
 * @param peakRunning the most agent runs in progress at once
 * @param peakHeapBytes the largest heap in use seen
 * @param peakRssBytes the process's peak resident set ({@code VmHWM}); -1 when unknown
 * @param keysRemoved coordination keys removed by the cleanup at the end
 * @param interrupted true when the run was ended early (Ctrl-C, SIGTERM)
 * @param failureReasons up to 20 distinct reasons with their counts
 */
public record LoadSummary(
        double elapsedSeconds,
        long spawns,
        long rounds,
        long failures,
        long cutShort,
        double spawnsPerSecond,
        double coordOpsPerSecond,
        Double spawnP50Ms,
        Double spawnP99Ms,
        Double roundTripP50Ms,
        Double roundTripP99Ms,
        int peakRunning,
        long peakHeapBytes,
        long peakRssBytes,
        long keysRemoved,
        boolean interrupted,
        Map<String, Long> failureReasons) {
    public LoadSummary {
        failureReasons = java.util.Collections.unmodifiableMap(new TreeMap<>(failureReasons));
    }

    /**
     * Why the run counts as unhealthy, or empty when it is healthy: every round succeeded and at
     * least one did. An interrupted run is judged on the rounds that ended before the interrupt.
     */
    public Optional<String> unhealthy() {
        if (failures > 0) {
            String first = failureReasons.keySet().iterator().next();
            return Optional.of(failures + " of " + rounds + " rounds failed (e.g. " + first + ")");
        }
        if (keysRemoved < 0) {
            return Optional.of("the run's coordination keys could not be removed");
        }
        if (rounds - cutShort == 0) {
            return Optional.of("no round completed");
        }
        return Optional.empty();
    }
}
