package dev.cfn.metrics;

/** A cache's figures so far, read at scrape time. Implementations are thread-safe and cheap. */
public interface CacheCounts {
    long hits();

    long misses();

    /** Entries held now (an estimate), or -1 when unknown. */
    long size();
}
