package dev.cfn.coord;

import dev.cfn.CfnException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;

/**
 * Follows the heartbeats ({@code swarm:{task}:{agent}:heartbeat}) of the agents an orchestrator
 * waits for, and tells when one is lost: it was alive once, then expired and was not renewed
 * within the grace (time for another worker to take the agent's task over). Expiry is learnt from
 * the server's keyspace notifications where it sends them ({@link Coordinator#watchHeartbeats}),
 * and by a sweep of the watched keys every {@code sweep} in any case (a server that refuses
 * {@code CONFIG SET notify-keyspace-events}, a notification missed during a reconnect). A sweep
 * that cannot reach the server skips its turn: an unreachable store loses no agent. Thread-safe.
 */
public final class HeartbeatWatch implements AutoCloseable {
    /** Keyspace notifications tell of an expiry the moment it happens; the sweep still runs. */
    public static final String NOTIFIED = "keyspace notifications";

    public static final String SWEPT = "ttl sweep";

    private final Coordinator coordinator;
    private final Duration grace;
    private final BiFunction<String, String, String> keyOf;
    private final Map<String, Watched> watched = new ConcurrentHashMap<>();
    private final ScheduledExecutorService sweeper;
    private volatile String mode = SWEPT;
    private volatile AutoCloseable notifications;

    /**
     * @param keyOf the heartbeat key of (task, agent), to match notified keys
     */
    public HeartbeatWatch(
            Coordinator coordinator, Duration sweep, Duration grace, BiFunction<String, String, String> keyOf) {
        this.coordinator = coordinator;
        this.grace = grace;
        this.keyOf = keyOf;
        this.sweeper = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().daemon().name("cfn-heartbeat-sweep").factory());
        long every = Math.max(10, sweep.toMillis());
        sweeper.scheduleWithFixedDelay(this::sweep, every, every, TimeUnit.MILLISECONDS);
    }

    /** Called by the coordinator once the server sends expiry notifications; closed with the watch. */
    void notifiedBy(AutoCloseable subscription) {
        this.notifications = subscription;
        this.mode = NOTIFIED;
    }

    /** {@link #NOTIFIED} or {@link #SWEPT}: how expiry is learnt. */
    public String mode() {
        return mode;
    }

    /** Starts following an agent's heartbeat. */
    public void watch(String task, String agent) {
        watched.put(keyOf.apply(task, agent), new Watched(task, agent));
    }

    public void unwatch(String task, String agent) {
        watched.remove(keyOf.apply(task, agent));
    }

    /** True once the agent's heartbeat was seen alive, then expired and stayed so for the grace. */
    public boolean lost(String task, String agent) {
        Watched w = watched.get(keyOf.apply(task, agent));
        return w != null && w.lost(System.nanoTime(), grace);
    }

    /** A key expired, as the server told. */
    void expired(String key) {
        Watched w = watched.get(key);
        if (w != null) {
            w.seen = true;
            w.missing(System.nanoTime());
        }
    }

    private void sweep() {
        Map<String, List<Watched>> byTask = new LinkedHashMap<>();
        for (Watched w : watched.values()) {
            byTask.computeIfAbsent(w.task, t -> new ArrayList<>()).add(w);
        }
        long now = System.nanoTime();
        byTask.forEach((task, list) -> {
            Set<String> expired;
            try {
                expired = coordinator.expiredHeartbeats(
                        task, list.stream().map(w -> w.agent).toList());
            } catch (CfnException e) {
                return; // the store is unreachable: nothing is known, nothing is lost
            }
            for (Watched w : list) {
                if (expired.contains(w.agent)) {
                    if (w.seen) {
                        w.missing(now);
                    }
                } else {
                    w.seen = true;
                    w.missingSince = 0;
                }
            }
        });
    }

    @Override
    public void close() {
        sweeper.shutdownNow();
        AutoCloseable n = notifications;
        if (n != null) {
            try {
                n.close();
            } catch (Exception e) {
                // closing a subscription that already failed: nothing left to release
            }
        }
    }

    private static final class Watched {
        final String task;
        final String agent;
        volatile boolean seen;
        /** System.nanoTime() when the heartbeat was first found missing after being seen; 0: not missing. */
        volatile long missingSince;

        Watched(String task, String agent) {
            this.task = task;
            this.agent = agent;
        }

        void missing(long now) {
            if (missingSince == 0) {
                missingSince = now == 0 ? 1 : now;
            }
        }

        boolean lost(long now, Duration grace) {
            long since = missingSince;
            return since != 0 && now - since >= grace.toNanos();
        }
    }
}
