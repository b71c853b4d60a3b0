package dev.cfn.cli;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Lets a long-running command ({@code serve}, {@code worker}) stop cleanly on SIGTERM or Ctrl-C:
 * the JVM's shutdown hook wakes {@link #await}, then holds the JVM until the command has closed
 * its resources ({@link #close}, called last by {@link CliContext#close}), at most {@link #GRACE}.
 */
public final class StopSignal implements AutoCloseable {
    /** How long a signal waits for the command to finish before the JVM exits anyway. */
    public static final Duration GRACE = Duration.ofSeconds(30);

    private final CountDownLatch stop = new CountDownLatch(1);
    private final CountDownLatch released = new CountDownLatch(1);
    private final Thread hook = new Thread(this::onSignal, "cfn-stop-signal");

    StopSignal() {
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /** Blocks until a stop is requested (signal or {@link #requestStop}). */
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
    public void requestStop() {
        stop.countDown();
    }

    private void onSignal() {
        stop.countDown();
        try {
            released.await(GRACE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The command has finished: a pending signal may now let the JVM exit. */
    @Override
    public void close() {
        released.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running: it returns now that released is open
        }
    }
}
