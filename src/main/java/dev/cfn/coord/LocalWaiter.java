package dev.cfn.coord;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.Condition;

/**
 * One blocked wait of the {@link LocalKeyspace}: the keys it watches, the values handed to it and
 * the condition it parks on. Guarded by the keyspace's lock.
 */
final class LocalWaiter {
    private final Condition condition;
    private final int needed;
    private final Map<String, String> arrived = new LinkedHashMap<>();
    private final Set<String> watched = new LinkedHashSet<>();

    LocalWaiter(Condition condition, int needed) {
        this.condition = condition;
        this.needed = needed;
    }

    Condition condition() {
        return condition;
    }

    void watch(String key) {
        watched.add(key);
    }

    Set<String> watched() {
        return watched;
    }

    void deliver(String key, String value) {
        arrived.put(key, value);
        watched.remove(key);
    }

    boolean satisfied() {
        return arrived.size() >= needed;
    }

    Map<String, String> arrived() {
        return new LinkedHashMap<>(arrived);
    }
}
