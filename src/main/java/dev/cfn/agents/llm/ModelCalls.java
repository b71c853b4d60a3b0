package dev.cfn.agents.llm;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Calls one provider for the agent loop: within the provider's {@link AdaptiveLimit}, on a virtual
 * thread so the agent's own thread stays interruptible (a stop or the deadline closes the stream),
 * and repeats a call that was rate limited, overloaded or whose connection broke (429, 503, 529):
 * after the server's {@code Retry-After} when it gave one, else after a jittered exponential
 * backoff, as long as the wait ends before the agent's deadline. Only this class retries. Thread-safe.
 */
final class ModelCalls {
    private static final Executor THREADS = Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("cfn-model-call-", 0).factory());
    private static final AutoCloseable ABANDONED = () -> {};
    static final Duration BASE_BACKOFF = Duration.ofMillis(500);
    static final Duration MAX_BACKOFF = Duration.ofSeconds(20);

    private final ModelApi api;
    private final AdaptiveLimit limit;
    private final int maxRetries;

    ModelCalls(ModelApi api, AdaptiveLimit limit, int maxRetries) {
        this.api = api;
        this.limit = limit;
        this.maxRetries = maxRetries;
    }

    /**
     * @param deadline {@link System#nanoTime()} by which the agent must be done
     * @throws ApiFailure the last failure, when it is not retriable, retries are spent, or no time is left
     */
    ModelReply call(ModelRequest request, long deadline, Transcript transcript) throws InterruptedException {
        for (int attempt = 0; ; attempt++) {
            long ticket = limit.acquire(deadline);
            if (ticket < 0) {
                throw new ApiFailure("no call slot of the provider before the deadline", -1, null, true);
            }
            ApiFailure failure;
            try {
                ModelReply reply = once(request, deadline);
                limit.succeeded();
                return reply;
            } catch (ApiFailure f) {
                failure = f;
                if (f.rateLimited()) {
                    limit.rateLimited(ticket);
                } else if (f.timedOut()) {
                    limit.abandoned();
                } else {
                    limit.succeeded();
                }
            } catch (InterruptedException | RuntimeException e) {
                limit.abandoned();
                throw e;
            }
            long waitMs = backoff(attempt, failure.retryAfter()).toMillis();
            if (!failure.retriable()
                    || attempt >= maxRetries
                    || System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(waitMs) - deadline >= 0) {
                throw failure;
            }
            transcript.retry(attempt + 1, failure, waitMs);
            Thread.sleep(waitMs);
        }
    }

    /** One call, abandoned (its stream closed) at the deadline or on an interrupt. */
    private ModelReply once(ModelRequest request, long deadline) throws InterruptedException {
        Duration left = AgentLoop.left(deadline);
        if (left.isZero()) {
            throw new ApiFailure("no time left for a call", -1, null, true);
        }
        AtomicReference<AutoCloseable> stream = new AtomicReference<>();
        CompletableFuture<ModelReply> call = CompletableFuture.supplyAsync(
                () -> api.call(request, left, s -> {
                    if (!stream.compareAndSet(null, s)) {
                        closeQuietly(s); // abandoned before its stream opened
                    }
                }),
                THREADS);
        try {
            return call.get(left.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            abandon(call, stream);
            throw new ApiFailure("the model API did not answer before the deadline", -1, null, true);
        } catch (InterruptedException e) {
            abandon(call, stream);
            throw e;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof ApiFailure f) {
                throw f;
            }
            throw new ApiFailure("the model API call failed: " + e.getCause(), -1, null, false);
        }
    }

    private static void abandon(CompletableFuture<ModelReply> call, AtomicReference<AutoCloseable> stream) {
        call.cancel(true);
        AutoCloseable s = stream.getAndSet(ABANDONED);
        if (s != null && s != ABANDONED) {
            closeQuietly(s);
        }
    }

    private static void closeQuietly(AutoCloseable s) {
        try {
            s.close();
        } catch (Exception e) {
            // closing an abandoned stream: nothing left to do
        }
    }

    /** The server's wait when it gave one, else 0.5 s, 1 s, 2 s ... (at most 20 s), jittered to 50-100%. */
    static Duration backoff(int attempt, Duration retryAfter) {
        if (retryAfter != null) {
            return retryAfter;
        }
        long max = Math.min(MAX_BACKOFF.toMillis(), BASE_BACKOFF.toMillis() << Math.min(attempt, 10));
        return Duration.ofMillis(max / 2 + ThreadLocalRandom.current().nextLong(max / 2 + 1));
    }
}
