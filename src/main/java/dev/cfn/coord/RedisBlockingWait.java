package dev.cfn.coord;

import io.lettuce.core.KeyValue;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.api.StatefulRedisConnection;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;

/**
 * One wait on Redis: repeated {@code BLPOP} over the done keys still missing, on a dedicated
 * connection so it never stalls other commands. The server-side timeout is the time left; the
 * client gives the reply a short grace on top and then abandons the connection, so a wait never
 * blocks past its deadline even when the connection drops. A dropped connection is reconnected by
 * Lettuce, which replays the pending BLPOP; a wait that survives a Redis restart keeps waiting.
 */
final class RedisBlockingWait {
    /** How long past the deadline a reply may take to travel before the connection is abandoned. */
    static final long GRACE_NANOS = TimeUnit.MILLISECONDS.toNanos(250);

    private static final long MIN_WAIT_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
    private static final long RETRY_PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

    private final RedisConnections connections;

    RedisBlockingWait(RedisConnections connections) {
        this.connections = connections;
    }

    /** @return done key to payload, in order of arrival */
    Map<String, String> run(List<String> keys, int needed, long timeoutNanos) {
        long deadline = System.nanoTime() + timeoutNanos;
        List<String> pending = new ArrayList<>(keys);
        Map<String, String> arrived = new LinkedHashMap<>();
        StatefulRedisConnection<String, String> connection = connections.borrowBlocking();
        boolean reusable = true;
        try {
            while (arrived.size() < needed && !connections.isClosed()) {
                long left = deadline - System.nanoTime();
                if (left < MIN_WAIT_NANOS) {
                    break;
                }
                RedisFuture<KeyValue<String, String>> reply =
                        connection.async().blpop(left / 1e9, pending.toArray(String[]::new));
                if (!receive(reply, left + GRACE_NANOS, arrived, pending)) {
                    reusable = false;
                    break;
                }
            }
            return arrived;
        } finally {
            connections.release(connection, reusable);
        }
    }

    /** Takes one reply; false when it did not come in time and the connection must be abandoned. */
    private boolean receive(
            RedisFuture<KeyValue<String, String>> reply,
            long limitNanos,
            Map<String, String> arrived,
            List<String> pending) {
        try {
            KeyValue<String, String> popped = reply.get(limitNanos, TimeUnit.NANOSECONDS);
            if (popped != null && popped.hasValue()) {
                arrived.put(popped.getKey(), popped.getValue());
                pending.remove(popped.getKey());
            }
            return true;
        } catch (TimeoutException e) {
            reply.cancel(true);
            return false;
        } catch (ExecutionException e) {
            if (LettuceErrors.isCommandError(e)) {
                throw LettuceErrors.translate(connections.safeUrl(), connections.timeout(), e);
            }
            // The connection dropped and the command was not replayed: Lettuce is reconnecting;
            // the next BLPOP is queued until it succeeds, bounded by the deadline.
            LockSupport.parkNanos(Math.min(RETRY_PAUSE_NANOS, limitNanos));
            return true;
        } catch (InterruptedException e) {
            reply.cancel(true);
            throw LettuceErrors.translate(connections.safeUrl(), connections.timeout(), e);
        }
    }
}
