package dev.cfn.metrics;

/** A process pool's figures, read at scrape time. Implementations are thread-safe and cheap. */
public interface PoolCounts {
    /** Live processes. */
    int size();

    /** Processes running a task now. */
    int busy();
}
