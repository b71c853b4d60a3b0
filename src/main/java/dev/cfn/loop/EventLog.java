package dev.cfn.loop;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Keeps every event of the runs this process drives in the run store ({@code loop_events}), numbered
 * per run, so a run started from the CLI shows the same history in the dashboard, and a resumed run
 * goes on numbering where its previous orchestrator stopped. One orchestrator drives a run at a
 * time, so the numbering is kept here. Thread-safe.
 */
public final class EventLog implements LoopListener {
    private final RunStore store;
    private final Clock clock;
    private final Map<String, AtomicLong> next = new ConcurrentHashMap<>();

    public EventLog(RunStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    @Override
    public void on(LoopEvent event) {
        AtomicLong seq = next.computeIfAbsent(event.runId(), id -> new AtomicLong(store.lastEventSeq(id)));
        store.appendEvent(event.runId(), seq.incrementAndGet(), event, clock.millis());
        if (event.last()) {
            next.remove(event.runId());
        }
    }
}
