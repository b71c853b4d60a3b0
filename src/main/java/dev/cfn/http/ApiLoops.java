package dev.cfn.http;

import dev.cfn.RetriableException;
import dev.cfn.loop.LoopExecutor;
import dev.cfn.loop.LoopListener;
import dev.cfn.loop.session.LoopRequest;
import dev.cfn.loop.session.LoopResources;
import dev.cfn.loop.session.LoopSession;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Runs the loops started through the API inside the server: at most {@code maxRunning} at once on
 * a fixed pool (one more is refused with 503, never queued without bound). Each run is stored like a
 * CLI run before its id is returned, so it is durable and resumable ({@code cfn loop resume}) if
 * the server dies; its events go to the listener (the SSE hub). Thread-safe.
 */
public final class ApiLoops implements AutoCloseable {
    /** How long {@link #close} lets running loops finish before interrupting them. */
    static final Duration CLOSE_GRACE = Duration.ofSeconds(10);

    private final Supplier<LoopResources> resources;
    private final LoopListener listener;
    private final int maxRunning;
    private final Semaphore slots;
    private final ExecutorService workers;

    /**
     * @param resources the shared resources, asked for at each start (so a dependency that was down
     *     at server start, such as Redis, is retried then)
     */
    public ApiLoops(Supplier<LoopResources> resources, LoopListener listener, int maxRunning) {
        if (maxRunning < 1) {
            throw new IllegalArgumentException("maxRunning must be at least 1, but was " + maxRunning);
        }
        this.resources = resources;
        this.listener = listener;
        this.maxRunning = maxRunning;
        this.slots = new Semaphore(maxRunning);
        this.workers = Executors.newFixedThreadPool(maxRunning, named());
    }

    /**
     * Validates the request, stores the new run and starts driving it in the background.
     *
     * @return the run id
     * @throws dev.cfn.InvalidInputException for a bad request (naming the field)
     * @throws dev.cfn.NotFoundException when the agents folder does not exist
     * @throws RetriableException when {@code maxRunning} loops already run, or a dependency is down
     */
    public String start(LoopRequest request) {
        return start(request, null);
    }

    /** As {@link #start(LoopRequest)}, with {@code reflect} (or null) reflecting after a PROCEED (Loop 5). */
    public String start(LoopRequest request, String reflect) {
        if (!slots.tryAcquire()) {
            throw new RetriableException(maxRunning + " loops are already running in this server: retry later");
        }
        LoopSession session = null;
        try {
            session = LoopSession.open(resources.get(), request.agentsFolder(), request.parallelism(), listener);
            LoopExecutor.OpenedRun run =
                    session.executor().reflectWith(reflect).open(request.settings(session.definitions()));
            workers.execute(new LoopDriver(session, run, listener, slots));
            return run.runId();
        } catch (RuntimeException e) {
            if (session != null) {
                session.close();
            }
            slots.release();
            throw e;
        }
    }

    /** Loops running now. */
    public int running() {
        return maxRunning - slots.availablePermits();
    }

    /** Lets running loops finish for a while, then interrupts them (they stay resumable). */
    @Override
    public void close() {
        workers.shutdown();
        try {
            if (!workers.awaitTermination(CLOSE_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                workers.shutdownNow();
            }
        } catch (InterruptedException e) {
            workers.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    private static ThreadFactory named() {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, "cfn-api-loop-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
