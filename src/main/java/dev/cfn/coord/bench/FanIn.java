package dev.cfn.coord.bench;

/**
 * 1,000 agents signalling one orchestrator that waits on all of them.
 *
 * @param agents how many agents signalled (each with confidence and a result, like a real agent)
 * @param arrived how many signals the orchestrator received before its timeout
 * @param totalMs from the first signal sent to the orchestrator's return
 * @param memoryBytes growth while the task's keys were live: JVM heap for local, Redis
 *     used_memory (server-wide) for Redis
 * @param keysLeft the task's keys after the wait (confidence and result of every agent)
 * @param keysAfterCleanup the task's keys after {@code cleanup}: 0
 */
public record FanIn(int agents, int arrived, double totalMs, long memoryBytes, long keysLeft, long keysAfterCleanup) {}
