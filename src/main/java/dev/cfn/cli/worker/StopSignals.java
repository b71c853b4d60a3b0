package dev.cfn.cli.worker;

import sun.misc.Signal;

/**
 * SIGTERM and SIGINT (Ctrl-C) as a request to stop cleanly: the JVM's default handlers would run
 * the shutdown hooks and exit 143/130 at once, leaving leased entries and the heartbeat behind
 * until their TTL. Replaced here, the signal only calls {@code stop}; the command then returns and
 * exits 0 as usual.
 */
final class StopSignals {
    private StopSignals() {}

    static void onStop(Runnable stop) {
        for (String name : new String[] {"TERM", "INT"}) {
            try {
                Signal.handle(new Signal(name), s -> stop.run());
            } catch (IllegalArgumentException e) {
                // the signal is not available here (or the JVM reserves it): keep its default
            }
        }
    }
}
