package dev.cfn.http;

import dev.cfn.NotFoundException;
import dev.cfn.loop.RunRecord;
import dev.cfn.loop.RunStore;
import dev.cfn.loop.session.RunHistory;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.sse.SseClient;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code GET /api/loops/{id}/events}: a run's events as Server-Sent Events. A client first gets the
 * history so far (a late client misses nothing), then, for a run this server drives, each event as
 * it happens until {@code run-finished}; for any other run the stream ends after the stored history
 * (an EventSource reconnects and so polls). A comment every {@link #KEEP_ALIVE} finds closed clients.
 */
final class LoopEvents {
    static final Duration KEEP_ALIVE = Duration.ofSeconds(15);

    private final RunStore store;
    private final LoopEventHub hub;

    LoopEvents(RunStore store, LoopEventHub hub) {
        this.store = store;
        this.hub = hub;
    }

    /**
     * Before the stream starts (its 200 is sent at once): 404 for an unknown run, 406 unless the
     * client asks for {@code text/event-stream} (Javalin answers anything else with an empty 200).
     */
    void requireRun(Context ctx) {
        String accept = ctx.header("Accept");
        if (accept == null || !accept.contains("text/event-stream")) {
            throw new HttpResponseException(406, "send 'Accept: text/event-stream' for a run's events");
        }
        String id = ctx.pathParam("id");
        if (store.run(id).isEmpty()) {
            throw new NotFoundException("run '" + id + "' does not exist");
        }
    }

    void stream(SseClient client) {
        String id = client.ctx().pathParam("id");
        LoopEventHub.Subscription sub = hub.subscribe(id);
        if (sub == null) {
            RunRecord run = store.run(id).orElseThrow(() -> new NotFoundException("run '" + id + "' does not exist"));
            for (RunStore.StoredEvent e : RunHistory.of(store, run)) {
                if (client.terminated()) {
                    break;
                }
                client.sendEvent(e.name(), e.data(), Long.toString(e.seq()));
            }
            client.close();
            return;
        }
        try {
            send(client, sub.history());
            if (!sub.finished()) {
                follow(client, sub);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            hub.unsubscribe(id, sub.live());
            client.close();
        }
    }

    private static void follow(SseClient client, LoopEventHub.Subscription sub) throws InterruptedException {
        while (!client.terminated()) {
            StreamEvent e = sub.live().poll(KEEP_ALIVE.toMillis(), TimeUnit.MILLISECONDS);
            if (e == null) {
                client.sendComment("keep-alive");
            } else if (e == LoopEventHub.CLOSED) {
                return;
            } else {
                send(client, e);
                if (e.last()) {
                    return;
                }
            }
        }
    }

    private static void send(SseClient client, List<StreamEvent> events) {
        for (StreamEvent e : events) {
            if (client.terminated()) {
                return;
            }
            send(client, e);
        }
    }

    private static void send(SseClient client, StreamEvent e) {
        client.sendEvent(e.name(), e.data(), Long.toString(e.seq()));
    }
}
