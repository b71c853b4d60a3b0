package dev.cfn.coord;

import dev.cfn.redis.LettuceErrors;
import dev.cfn.redis.RedisConnections;
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
 * One wait on Redis, on a dedicated connection so it never stalls other commands: take what has
 * already arrived with one pipelined batch of LPOPs, then block in {@code BLPOP} over the done keys
 * still missing, and repeat. The server-side timeout is the time left; the client gives a reply a
 * short grace on top and then abandons the connection, so a wait never blocks past its deadline,
 * even when the connection drops. Lettuce reconnects and replays the pending command, so a wait
 * survives a Redis restart and keeps waiting; a connection closed under the wait is replaced.
 */
final class RedisBlockingWait {
    /** How long past the deadline a reply may take to travel before the connection is abandoned. */
    static final long GRACE_NANOS = TimeUnit.MILLISECONDS.toNanos(250);

    private static final long MIN_WAIT_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
    private static final long RETRY_PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

    /** The connection cannot deliver a reply any more (timed out, or closed under the wait). */
    private static final class ConnectionLost extends Exception {
        ConnectionLost() {
            super(null, null, false, false);
        }
    }

    private final RedisConnections connections;

    RedisBlockingWait(RedisConnections connections) {
        this.connections = connections;
    }

    /**
     * @return done key to payload, in order of arrival
     * @throws dev.cfn.RetriableException if no connection can be opened at the start
     */
    Map<String, String> run(List<String> keys, int needed, long timeoutNanos) {
        long deadline = System.nanoTime() + timeoutNanos;
        List<String> pending = new ArrayList<>(keys);
        Map<String, String> arrived = new LinkedHashMap<>();
        StatefulRedisConnection<String, String> connection = connections.borrowBlocking();
        while (connection != null) {
            boolean reusable = false;
            try {
                waitOn(connection, needed, arrived, pending, deadline);
                reusable = true;
            } catch (ConnectionLost e) {
                // replaced below while time is left
            } finally {
                connections.release(connection, reusable);
            }
            connection = reusable || done(arrived, needed, deadline) ? null : reconnect(deadline);
        }
        return arrived;
    }

    private void waitOn(
            StatefulRedisConnection<String, String> connection,
            int needed,
            Map<String, String> arrived,
            List<String> pending,
            long deadline)
            throws ConnectionLost {
        while (!done(arrived, needed, deadline)) {
            if (needed - arrived.size() > 1) {
                drain(connection, needed - arrived.size(), arrived, pending, deadline);
            }
            if (!done(arrived, needed, deadline)) {
                block(connection, arrived, pending, deadline);
            }
        }
    }

    private boolean done(Map<String, String> arrived, int needed, long deadline) {
        return arrived.size() >= needed || connections.isClosed() || deadline - System.nanoTime() < MIN_WAIT_NANOS;
    }

    /** A fresh connection after one was lost; null when none can be had before the deadline. */
    private StatefulRedisConnection<String, String> reconnect(long deadline) {
        while (!connections.isClosed() && deadline - System.nanoTime() > RETRY_PAUSE_NANOS) {
            LockSupport.parkNanos(RETRY_PAUSE_NANOS);
            try {
                return connections.borrowBlocking();
            } catch (RuntimeException stillDown) {
                // Redis is still down: try again until the deadline.
            }
        }
        return null;
    }

    /**
     * Pops what already arrived: one pipelined LPOP per pending key, for at most as many keys as
     * signals are still needed (so no signal beyond them is consumed). When many agents signal at
     * once, this takes them in one round trip instead of one BLPOP each. Skipped when one signal
     * is still needed: BLPOP returns an arrived one just as fast.
     */
    private void drain(
            StatefulRedisConnection<String, String> connection,
            int stillNeeded,
            Map<String, String> arrived,
            List<String> pending,
            long deadline)
            throws ConnectionLost {
        List<String> keys = List.copyOf(pending.subList(0, Math.min(stillNeeded, pending.size())));
        List<RedisFuture<String>> replies = new ArrayList<>(keys.size());
        for (String key : keys) {
            replies.add(connection.async().lpop(key));
        }
        for (int i = 0; i < keys.size(); i++) {
            String value = reply(replies.get(i), deadline);
            if (value != null) {
                arrived.put(keys.get(i), value);
                pending.remove(keys.get(i));
            }
        }
    }

    private void block(
            StatefulRedisConnection<String, String> connection,
            Map<String, String> arrived,
            List<String> pending,
            long deadline)
            throws ConnectionLost {
        double seconds = (deadline - System.nanoTime()) / 1e9;
        KeyValue<String, String> popped =
                reply(connection.async().blpop(seconds, pending.toArray(String[]::new)), deadline);
        if (popped != null && popped.hasValue()) {
            arrived.put(popped.getKey(), popped.getValue());
            pending.remove(popped.getKey());
        }
    }

    /**
     * The reply (null for an empty list or the server's timeout).
     *
     * @throws ConnectionLost when no reply came by the deadline (plus a grace for it to travel), or
     *     the connection was closed under the command
     */
    private <T> T reply(RedisFuture<T> future, long deadline) throws ConnectionLost {
        long limit = deadline - System.nanoTime() + GRACE_NANOS;
        try {
            return future.get(Math.max(limit, MIN_WAIT_NANOS), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new ConnectionLost();
        } catch (ExecutionException e) {
            if (LettuceErrors.isCommandError(e)) {
                throw LettuceErrors.translate(connections.safeUrl(), connections.timeout(), e);
            }
            throw new ConnectionLost();
        } catch (InterruptedException e) {
            future.cancel(true);
            throw LettuceErrors.translate(connections.safeUrl(), connections.timeout(), e);
        }
    }
}
