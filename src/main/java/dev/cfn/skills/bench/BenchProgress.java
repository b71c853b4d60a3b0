package dev.cfn.skills.bench;

/** Told how far a long benchmark phase has got; called often, from the measuring thread. */
@FunctionalInterface
public interface BenchProgress {
    BenchProgress NONE = (phase, done, total) -> {};

    void update(String phase, long done, long total);
}
