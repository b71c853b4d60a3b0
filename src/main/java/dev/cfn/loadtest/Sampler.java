package dev.cfn.loadtest;

/** Turns the meter's running totals into per-interval samples. Used by one thread. */
final class Sampler {
    private final LoadMeter meter;
    private final long startNanos;
    private long lastNanos;
    private long lastSpawns;
    private long lastOps;
    private long peakHeap;
    private int second;

    Sampler(LoadMeter meter, long startNanos) {
        this.meter = meter;
        this.startNanos = startNanos;
        this.lastNanos = startNanos;
    }

    /** The sample of the interval since the previous one (or the start). */
    Sample next() {
        long now = System.nanoTime();
        long spawns = meter.spawns();
        long ops = meter.coordOps();
        double seconds = Math.max(1e-9, (now - lastNanos) / 1e9);
        long heap = MemoryGauge.heapUsed();
        peakHeap = Math.max(peakHeap, heap);
        Sample sample = new Sample(
                ++second,
                round((now - startNanos) / 1e9),
                meter.running(),
                spawns - lastSpawns,
                round((spawns - lastSpawns) / seconds),
                round((ops - lastOps) / seconds),
                heap,
                MemoryGauge.rss());
        lastNanos = now;
        lastSpawns = spawns;
        lastOps = ops;
        return sample;
    }

    /** The largest heap in use seen by any sample, or now. */
    long peakHeap() {
        return Math.max(peakHeap, MemoryGauge.heapUsed());
    }

    static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }
}
