package dev.cfn.cli;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import sun.misc.Signal;

/**
 * How a long-running command ({@code serve}, {@code worker}, {@code loadtest}) is asked to stop:
 * SIGTERM or SIGINT (Ctrl-C) no longer end the JVM at once (the default: shutdown hooks, then exit
 * 143 or 130, leaving leases, heartbeats and summaries behind). Instead they wake {@link #await}
 * and run the {@link #onStop} actions; the command then finishes cleanly, closes what it opened,
 * and exits with the code it chooses ({@link #signalExitCode} for the shell's convention).
 * Thread-safe.
 */
public final class StopSignal {
    private static final int SIGINT = 2;
    private static final int SIGTERM = 15;

    private final CountDownLatch stop = new CountDownLatch(1);
    private final List<Runnable> actions = new CopyOnWriteArrayList<>();
    private volatile int signal;

    StopSignal() {
        handle("TERM", SIGTERM);
        handle("INT", SIGINT);
    }

    private void handle(String name, int number) {
        try {
            Signal.handle(new Signal(name), s -> fire(number));
        } catch (IllegalArgumentException reserved) {
            // not available on this platform or reserved by the JVM (-Xrs): its default stays
        }
    }

    private synchronized void fire(int number) {
        if (signal == 0) {
            signal = number;
        }
        requestStop();
    }

    /** Runs {@code action} (on the signal's thread) when a stop is requested; at once if it already was. */
    public void onStop(Runnable action) {
        actions.add(action);
        if (stopRequested()) {
            action.run();
        }
    }

    /** Blocks until a stop is requested. */
    public void await() throws InterruptedException {
        stop.await();
    }

    /** Waits at most {@code timeout}; true when a stop was requested. */
    public boolean await(Duration timeout) throws InterruptedException {
        return stop.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    public boolean stopRequested() {
        return stop.getCount() == 0;
    }

    /** Stops the command as a signal would (e.g. after a fatal error in a background thread). */
    public synchronized void requestStop() {
        if (stop.getCount() == 0) {
            return;
        }
        stop.countDown();
        actions.forEach(Runnable::run);
    }

    /** 128 + the signal's number when a signal asked to stop (130 for Ctrl-C, 143 for SIGTERM), else 0. */
    public int signalExitCode() {
        return signal == 0 ? 0 : 128 + signal;
    }
}
