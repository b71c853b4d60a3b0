package dev.cfn.http.bench;

import dev.cfn.bench.Samples;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * An open-model load: request {@code i} is due at {@code start + i / rate}, whatever happened to
 * earlier ones, and its latency runs from that due time (not from when it was sent), so a stalled
 * server is charged for the requests that queued behind the stall (no coordinated omission).
 * {@code connections} keep-alive connections, one thread each, take the requests in order.
 */
final class OpenLoad {
    /**
     * What one measured phase produced, in nanoseconds: {@code latencies} from each request's due
     * time (what a caller on that schedule sees), {@code service} from its send to its response.
     */
    record Result(Samples latencies, Samples service, long errors, long wallNanos, int rate, Duration duration) {
        double achievedRate() {
            return latencies.count() * 1e9 / wallNanos;
        }
    }

    private OpenLoad() {}

    static Result run(Target target, String path, int rate, Duration duration, int connections) throws Exception {
        long count = rate * duration.toSeconds();
        long interval = 1_000_000_000L / rate;
        long start = System.nanoTime() + 50_000_000L; // let every thread reach its first wait
        AtomicLong next = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        List<Samples> perThread = new ArrayList<>();
        List<Samples> servicePerThread = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < connections; t++) {
            Samples samples = new Samples((int) (count / connections) + 16);
            Samples service = new Samples((int) (count / connections) + 16);
            perThread.add(samples);
            servicePerThread.add(service);
            HttpConnection connection = new HttpConnection(target, path);
            threads.add(Thread.ofPlatform()
                    .name("cfn-bench-load-" + t)
                    .start(() -> drive(connection, next, count, start, interval, samples, service, errors)));
        }
        for (Thread t : threads) {
            t.join();
        }
        long wall = System.nanoTime() - start;
        Samples all = new Samples((int) count);
        perThread.forEach(all::addAll);
        Samples service = new Samples((int) count);
        servicePerThread.forEach(service::addAll);
        return new Result(all, service, errors.get(), wall, rate, duration);
    }

    private static void drive(
            HttpConnection connection,
            AtomicLong next,
            long count,
            long start,
            long interval,
            Samples samples,
            Samples service,
            AtomicLong errors) {
        try (connection) {
            for (long i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                long due = start + i * interval;
                for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
                    LockSupport.parkNanos(wait);
                }
                long sent = System.nanoTime();
                int status = connection.exchange();
                long done = System.nanoTime();
                samples.add(done - due);
                service.add(done - sent);
                if (status != 200) {
                    errors.incrementAndGet();
                }
            }
        } catch (Exception e) {
            errors.incrementAndGet(); // this connection is gone; the other threads take the rest
        }
    }
}
