package dev.cfn.metrics;

/**
 * The process's current {@link Probe}: {@link Probe#NONE} until a long-running command installs
 * another. Instrumented code reads it on each call, so what it reports follows the installed
 * probe, whenever that was installed.
 */
public final class Probes {
    private static volatile Probe current = Probe.NONE;

    private Probes() {}

    public static Probe current() {
        return current;
    }

    /** Installs {@code probe}; returns the one it replaces (to restore it, e.g. in tests). */
    public static synchronized Probe install(Probe probe) {
        Probe previous = current;
        current = java.util.Objects.requireNonNull(probe, "probe");
        return previous;
    }

    /** Puts back {@link Probe#NONE} if {@code probe} is the current one. */
    public static synchronized void uninstall(Probe probe) {
        if (current == probe) {
            current = Probe.NONE;
        }
    }

    /** The start of a timed statement: {@code System.nanoTime()}, or 0 when nothing records it. */
    public static long queryStart() {
        return current.enabled() ? System.nanoTime() : 0L;
    }

    /** Reports the statement begun at {@code start} (from {@link #queryStart}); nothing when 0. */
    public static void queryEnd(String sql, long start) {
        if (start != 0L) {
            current.query(sql, System.nanoTime() - start);
        }
    }
}
