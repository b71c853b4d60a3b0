package dev.cfn.coord;

import dev.cfn.InvalidInputException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * An in-process keyspace with the Redis semantics the coordinator needs: typed values, a TTL per
 * key read from an injected {@link Clock}, and blocking left pops served first-come first-served
 * straight from the push. One lock guards everything; waiters park on their own condition.
 */
final class LocalKeyspace {
    private static final long SWEEP_INTERVAL_MS = 1_000;

    private record Entry(Object value, long expiresAtMs) {}

    private final Clock clock;
    private final ReentrantLock lock = new ReentrantLock();
    private final Map<String, Entry> entries = new HashMap<>();
    private final Map<String, Deque<LocalWaiter>> waiters = new HashMap<>();
    private long nextSweepMs;
    private boolean closed;

    LocalKeyspace(Clock clock) {
        this.clock = clock;
    }

    void set(String key, String value, Duration ttl) {
        locked(() -> put(key, value, ttl));
    }

    String get(String key) {
        return locked(() -> read(key, String.class, null));
    }

    void hset(String key, Map<String, String> fields, Duration ttl) {
        locked(() -> {
            Map<String, String> hash = mutable(key, Map.class, LinkedHashMap::new);
            hash.putAll(fields);
            return put(key, hash, ttl);
        });
    }

    @SuppressWarnings("unchecked")
    Map<String, String> hgetall(String key) {
        return locked(() -> Map.copyOf(read(key, Map.class, Map.of())));
    }

    void sadd(String key, Collection<String> members, Duration ttl) {
        locked(() -> {
            Set<String> set = mutable(key, Set.class, LinkedHashSet::new);
            set.addAll(members);
            return put(key, set, ttl);
        });
    }

    @SuppressWarnings("unchecked")
    Set<String> smembers(String key) {
        return locked(() -> Set.copyOf(read(key, Set.class, Set.of())));
    }

    /** LPUSH + EXPIRE: hands the value to the longest waiting waiter of the key, if any. */
    void lpush(String key, String value, Duration ttl) {
        locked(() -> {
            Deque<String> list = mutable(key, Deque.class, ArrayDeque::new);
            list.addFirst(value);
            put(key, list, ttl);
            serveWaiters(key);
            return null;
        });
    }

    /** RPUSH + LTRIM to the newest {@code max} + EXPIRE. */
    void rpushCapped(String key, String value, int max, Duration ttl) {
        locked(() -> {
            Deque<String> list = mutable(key, Deque.class, ArrayDeque::new);
            list.addLast(value);
            while (list.size() > max) {
                list.removeFirst();
            }
            return put(key, list, ttl);
        });
    }

    @SuppressWarnings("unchecked")
    List<String> lrange(String key) {
        return locked(() -> List.copyOf(read(key, Deque.class, new ArrayDeque<String>())));
    }

    boolean exists(String key) {
        return locked(() -> live(key) != null);
    }

    /** Removes every key starting with {@code prefix}; returns how many. */
    long unlinkPrefix(String prefix) {
        return locked(() -> {
            sweep(true);
            long before = entries.size();
            entries.keySet().removeIf(k -> k.startsWith(prefix));
            return before - entries.size();
        });
    }

    /** A snapshot of the live keys. */
    List<String> keys() {
        return locked(() -> {
            sweep(true);
            return List.copyOf(entries.keySet());
        });
    }

    /** How many waits are blocked on a key, for tests. */
    int waitersOn(String key) {
        return locked(() -> waiters.getOrDefault(key, new ArrayDeque<>()).size());
    }

    /** The remaining time to live of a key; empty when it does not exist. */
    Optional<Duration> ttl(String key) {
        return locked(() -> {
            Entry e = live(key);
            return e == null ? Optional.empty() : Optional.of(Duration.ofMillis(e.expiresAtMs() - clock.millis()));
        });
    }

    /**
     * Pops one value from each of {@code keys} until {@code needed} arrived or the timeout passed
     * (BLPOP, repeated). Values already queued are taken at once; later ones are handed over by the
     * push itself, so the waiter wakes without polling.
     *
     * @return key to value, in order of arrival
     */
    Map<String, String> blpop(Collection<String> keys, int needed, Duration timeout) throws InterruptedException {
        LocalWaiter waiter = new LocalWaiter(lock.newCondition(), needed);
        lock.lockInterruptibly();
        try {
            for (String key : keys) {
                String value = closed || waiter.satisfied() ? null : popFirst(key);
                if (value != null) {
                    waiter.deliver(key, value);
                } else if (!closed && !waiter.satisfied()) {
                    waiters.computeIfAbsent(key, k -> new ArrayDeque<>()).addLast(waiter);
                    waiter.watch(key);
                }
            }
            long nanos = timeout.toNanos();
            while (!waiter.satisfied() && !closed && nanos > 0) {
                nanos = waiter.condition().awaitNanos(nanos);
            }
            return waiter.arrived();
        } finally {
            unregister(waiter);
            lock.unlock();
        }
    }

    /** Wakes every waiter (their waits end as they are) and refuses new waits. */
    void close() {
        locked(() -> {
            closed = true;
            waiters.values().forEach(q -> q.forEach(w -> w.condition().signal()));
            return null;
        });
    }

    private void serveWaiters(String key) {
        Deque<LocalWaiter> queue = waiters.get(key);
        while (queue != null && !queue.isEmpty()) {
            String value = popFirst(key);
            if (value == null) {
                return;
            }
            LocalWaiter waiter = queue.pollFirst();
            waiter.deliver(key, value);
            if (waiter.satisfied()) {
                unregister(waiter);
                waiter.condition().signal();
            }
        }
    }

    private void unregister(LocalWaiter waiter) {
        for (String key : waiter.watched()) {
            Deque<LocalWaiter> queue = waiters.get(key);
            if (queue != null) {
                queue.remove(waiter);
                if (queue.isEmpty()) {
                    waiters.remove(key);
                }
            }
        }
        waiter.watched().clear();
    }

    private String popFirst(String key) {
        Deque<String> list = read(key, Deque.class, null);
        if (list == null) {
            return null;
        }
        String value = list.pollFirst();
        if (list.isEmpty()) {
            entries.remove(key);
        }
        return value;
    }

    private <T> T mutable(String key, Class<?> type, Supplier<T> absent) {
        T value = read(key, type, null);
        return value != null ? value : absent.get();
    }

    private Object put(String key, Object value, Duration ttl) {
        long now = clock.millis();
        entries.put(key, new Entry(value, now + ttl.toMillis()));
        if (now >= nextSweepMs) {
            sweep(false);
        }
        return null;
    }

    @SuppressWarnings("unchecked")
    private <T> T read(String key, Class<?> type, T absent) {
        Entry e = live(key);
        if (e == null) {
            return absent;
        }
        if (!type.isInstance(e.value())) {
            throw new InvalidInputException(
                    key + " holds a value of another type (WRONGTYPE); was it written by another protocol?");
        }
        return (T) e.value();
    }

    private Entry live(String key) {
        Entry e = entries.get(key);
        if (e != null && e.expiresAtMs() <= clock.millis()) {
            entries.remove(key);
            return null;
        }
        return e;
    }

    private void sweep(boolean always) {
        long now = clock.millis();
        if (always || now >= nextSweepMs) {
            Iterator<Entry> it = entries.values().iterator();
            while (it.hasNext()) {
                if (it.next().expiresAtMs() <= now) {
                    it.remove();
                }
            }
            nextSweepMs = now + SWEEP_INTERVAL_MS;
        }
    }

    private <T> T locked(Supplier<T> action) {
        lock.lock();
        try {
            return action.get();
        } finally {
            lock.unlock();
        }
    }
}
