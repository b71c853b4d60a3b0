package dev.cfn.metrics;

/**
 * The port through which instrumented code (store, agents, loop, skills, cache, coord) reports what
 * it does. Every method has a no-op default, and {@link #NONE} is what {@link Probes#current()}
 * returns until a long-running command installs a Micrometer-backed probe, so a one-shot command
 * pays one field read per call and loads no Micrometer class.
 *
 * <p>Implementations are thread-safe, quick and never throw. Label values passed here are
 * bounded by the implementation ({@link Labels}); callers pass agent types and modes, never task
 * or agent ids. Durations are in nanoseconds.
 */
public interface Probe {
    /** Reports nothing. */
    Probe NONE = new Probe() {};

    /** Whether calls are recorded: callers skip measuring (e.g. {@code System.nanoTime}) when not. */
    default boolean enabled() {
        return false;
    }

    /** A process (or a warm worker) was made ready for an agent of this type, in {@code nanos}. */
    default void agentSpawned(String agentType, String mode, long nanos) {}

    /** An agent could not be started; {@code errorType} is a short fixed word such as {@code unavailable}. */
    default void agentSpawnFailed(String agentType, String errorType) {}

    /** An agent run ended with {@code status} success, failure or timeout after {@code nanos}. */
    default void agentExecuted(String agentType, String status, long nanos) {}

    /**
     * An LLM agent's run used these tokens (each kind counted once per run) costing {@code costUsd}
     * US dollars; reported once per agent run, stopped runs included.
     */
    default void llmUsage(
            String agentType,
            long inputTokens,
            long outputTokens,
            long cacheReadTokens,
            long cacheWriteTokens,
            double costUsd) {}

    /** A SQL statement ran for {@code nanos}; the probe derives its query type and table. */
    default void query(String sql, long nanos) {}

    /** A loop run started or was resumed in this process. */
    default void loopStarted(String mode) {}

    /** A loop run made progress (a phase or an iteration finished). */
    default void loopProgress() {}

    /**
     * An iteration ended.
     *
     * @param gate the gate's score, or {@code NaN} when unknown
     * @param consensus the validators' consensus, or {@code NaN} when they did not run
     * @param decision PROCEED, ITERATE or ABORT
     */
    default void loopIteration(String mode, double gate, double consensus, String decision) {}

    /** A loop run this process drove ended (finished, or its driver failed). */
    default void loopEnded(String mode) {}

    /** A coordination signal of {@code signalType} was {@code sent} or {@code received}. */
    default void coordinationSignal(String signalType, String direction, int count) {}

    /** A wait for coordination signals ended ({@code outcome} complete or timeout) after {@code nanos}. */
    default void coordinationWait(String signalType, String outcome, long nanos) {}

    /** The skill loader's result cache; held weakly, so registering keeps nothing alive. */
    default void skillCache(CacheCounts counts) {}

    /** A query-result cache ({@code kind} local or redis); held weakly. */
    default void queryCache(String kind, CacheCounts counts) {}

    /** A warm pool's live and busy processes; held weakly. */
    default void warmPool(PoolCounts counts) {}
}
