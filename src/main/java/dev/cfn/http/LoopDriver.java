package dev.cfn.http;

import dev.cfn.loop.LoopEvent;
import dev.cfn.loop.LoopExecutor;
import dev.cfn.loop.LoopListener;
import dev.cfn.loop.session.LoopSession;
import java.util.concurrent.Semaphore;

/**
 * Drives one API-started run to its end on an {@link ApiLoops} worker, then frees its session and
 * slot. A failure that stops the run (the database gone) leaves it stored as running, resumable
 * with {@code cfn loop resume}, and is told to the listener as {@link LoopEvent.RunFailed}.
 */
final class LoopDriver implements Runnable {
    private final LoopSession session;
    private final LoopExecutor.OpenedRun run;
    private final LoopListener listener;
    private final Semaphore slots;

    LoopDriver(LoopSession session, LoopExecutor.OpenedRun run, LoopListener listener, Semaphore slots) {
        this.session = session;
        this.run = run;
        this.listener = listener;
        this.slots = slots;
    }

    @Override
    public void run() {
        try {
            session.executor().drive(run);
        } catch (RuntimeException e) {
            listener.on(new LoopEvent.RunFailed(run.runId(), HttpErrors.oneLine(String.valueOf(e.getMessage()))));
        } finally {
            session.close();
            slots.release();
        }
    }
}
