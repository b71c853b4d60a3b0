package dev.cfn.metrics;

import java.lang.ref.WeakReference;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.ToDoubleFunction;

/**
 * The live objects of one kind (caches, pools) a gauge sums over, held weakly: registering one
 * keeps nothing alive, and a collected one stops counting. Thread-safe.
 */
final class WeakSources<T> {
    private final CopyOnWriteArrayList<WeakReference<T>> sources = new CopyOnWriteArrayList<>();

    void add(T source) {
        sources.add(new WeakReference<>(source));
    }

    /** The sum of {@code value} over the live sources; collected ones are dropped. */
    double sum(ToDoubleFunction<T> value) {
        double total = 0;
        for (WeakReference<T> ref : sources) {
            T source = ref.get();
            if (source == null) {
                sources.remove(ref);
            } else {
                total += value.applyAsDouble(source);
            }
        }
        return total;
    }
}
