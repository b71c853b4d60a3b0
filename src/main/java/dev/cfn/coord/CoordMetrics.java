package dev.cfn.coord;

import dev.cfn.metrics.Probe;
import dev.cfn.metrics.Probes;

/** What both coordinators report to {@link Probes}: signals sent and received, and waits. */
final class CoordMetrics {
    static final String COMPLETION = "completion";
    static final String DECISION = "decision";

    private CoordMetrics() {}

    static void sent(String signalType) {
        Probes.current().coordinationSignal(signalType, "sent", 1);
    }

    /** The start of a wait: {@code System.nanoTime()}, or 0 when no probe records it. */
    static long waitStart() {
        return Probes.current().enabled() ? System.nanoTime() : 0L;
    }

    /** Reports a completed wait begun at {@code start} and the signals it consumed. */
    static WaitResult waited(long start, WaitResult result) {
        if (start != 0L) {
            Probe probe = Probes.current();
            probe.coordinationWait(COMPLETION, result.timedOut() ? "timeout" : "complete", System.nanoTime() - start);
            if (!result.arrived().isEmpty()) {
                probe.coordinationSignal(
                        COMPLETION, "received", result.arrived().size());
            }
        }
        return result;
    }
}
