package dev.cfn.http;

import dev.cfn.loop.LoopEvent;
import dev.cfn.loop.LoopListener;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * The events of the runs this server drives, kept per run (the newest {@value #MAX_RUNS} runs) and
 * handed to live subscribers. A subscriber gets the run's history and its queue of later events in
 * one step, so it misses nothing and sees nothing twice. Never blocks the loop: a subscriber whose
 * queue is full is dropped. Thread-safe.
 */
public final class LoopEventHub implements LoopListener, AutoCloseable {
    static final int MAX_RUNS = 200;
    static final int MAX_EVENTS_PER_RUN = 20_000;
    /** Put in every queue at close, so streaming handlers end. */
    static final StreamEvent CLOSED = new StreamEvent(-1, "server-closing", Map.of(), true);

    private final Map<String, Channel> runs = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Channel> eldest) {
            return size() > MAX_RUNS;
        }
    };

    /** What a new subscriber starts from. */
    record Subscription(List<StreamEvent> history, BlockingQueue<StreamEvent> live, boolean finished) {}

    private static final class Channel {
        final List<StreamEvent> history = new ArrayList<>();
        final List<BlockingQueue<StreamEvent>> subscribers = new ArrayList<>();
        boolean finished;
    }

    @Override
    public synchronized void on(LoopEvent event) {
        Channel channel = runs.computeIfAbsent(event.runId(), id -> new Channel());
        StreamEvent e = StreamEvent.of(channel.history.size() + 1, event);
        if (channel.history.size() < MAX_EVENTS_PER_RUN) {
            channel.history.add(e);
        }
        channel.finished |= e.last();
        channel.subscribers.removeIf(q -> !q.offer(e));
    }

    /** The history and live queue of a run this server drives; null for any other run. */
    synchronized Subscription subscribe(String runId) {
        Channel channel = runs.get(runId);
        if (channel == null) {
            return null;
        }
        BlockingQueue<StreamEvent> queue = new LinkedBlockingQueue<>(MAX_EVENTS_PER_RUN);
        if (!channel.finished) {
            channel.subscribers.add(queue);
        }
        return new Subscription(List.copyOf(channel.history), queue, channel.finished);
    }

    synchronized void unsubscribe(String runId, BlockingQueue<StreamEvent> queue) {
        Channel channel = runs.get(runId);
        if (channel != null) {
            channel.subscribers.remove(queue);
        }
    }

    @Override
    public synchronized void close() {
        for (Channel channel : runs.values()) {
            channel.subscribers.forEach(q -> q.offer(CLOSED));
            channel.subscribers.clear();
        }
    }
}
