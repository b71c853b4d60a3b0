package dev.cfn.loadtest;

/**
 * One second of a load test.
 *
 * @param second 1, 2, ... (the last one of an interrupted run may be shorter)
 * @param elapsedSeconds since the start, at the sample
 * @param running agent runs in progress at the sample
 * @param spawns agent runs that ended during the interval
 * @param spawnsPerSecond {@code spawns} over the interval's real length
 * @param coordOpsPerSecond coordinator calls (signals, waits) per second during the interval
 * @param heapUsedBytes the orchestrator's heap in use at the sample
 * @param rssBytes the orchestrator's resident set at the sample; -1 when unknown
 */
public record Sample(
        int second,
        double elapsedSeconds,
        int running,
        long spawns,
        double spawnsPerSecond,
        double coordOpsPerSecond,
        long heapUsedBytes,
        long rssBytes) {}
