package dev.cfn.cache;

/** The seed's adaptive sizing: 100 cache entries per GB of memory, never fewer than 100. */
public final class CacheSizing {
    public static final long ENTRIES_PER_GB = 100;
    public static final long MIN_ENTRIES = 100;

    private CacheSizing() {}

    public static long entriesForHeap(long maxHeapBytes) {
        long gb = Math.max(0, maxHeapBytes) / (1024L * 1024 * 1024);
        return Math.max(MIN_ENTRIES, gb * ENTRIES_PER_GB);
    }
}
