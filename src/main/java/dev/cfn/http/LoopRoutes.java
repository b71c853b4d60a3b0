package dev.cfn.http;

import dev.cfn.InvalidInputException;
import dev.cfn.NotFoundException;
import dev.cfn.loop.RunRecord;
import dev.cfn.loop.RunStore;
import dev.cfn.loop.session.LoopRequest;
import dev.cfn.loop.session.RunCancel;
import dev.cfn.loop.session.RunJson;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Loops over HTTP: start (run in this server, answered 202 with the run id at once), list, show
 * (the shapes of {@code cfn loop list/show}), cancel ({@code cfn loop cancel}), and the live events
 * ({@link LoopEvents}).
 */
final class LoopRoutes {
    /** The JSON fields of {@code POST /api/loops}: {@code cfn loop run}'s options, snake_case. */
    static final Set<String> FIELDS = LoopRequest.FIELDS;

    private final Services services;
    private final RunStore store;
    private final LoopEvents events;
    private final LoopRoots roots;

    LoopRoutes(Services services, LoopEventHub hub, LoopRoots roots) {
        this.services = services;
        this.roots = roots;
        this.store = new RunStore(services.database());
        this.events = new LoopEvents(store, hub);
    }

    void register(RoutesConfig routes) {
        routes.get("/api/loops", this::list);
        routes.post("/api/loops", this::start);
        routes.get("/api/loops/{id}", this::show);
        routes.post("/api/loops/{id}/cancel", this::cancel);
        routes.before("/api/loops/{id}/events", events::requireRun);
        routes.sse("/api/loops/{id}/events", events::stream);
    }

    private void list(Context ctx) {
        int limit = Params.intParam(ctx, "limit", 20);
        if (limit < 1 || limit > 10_000) {
            throw new InvalidInputException("query parameter 'limit' must be 1 to 10000, but was " + limit);
        }
        ctx.json(RunJson.recent(store, limit));
    }

    private void show(Context ctx) {
        String id = ctx.pathParam("id");
        RunRecord run = store.run(id).orElseThrow(() -> new NotFoundException("run '" + id + "' does not exist"));
        ctx.json(RunJson.details(store, run, services.clock().millis()));
    }

    /**
     * Stops a running loop as {@code cfn loop cancel} does (reason {@code cancelled by api}): 202 and
     * {@code stopping} while its orchestrator ends it (within a heartbeat; its SSE stream then tells
     * {@code run-finished}), or {@code stopped} when no orchestrator drove it. The body, if any, is an
     * empty JSON object sent as {@code application/json}.
     */
    private void cancel(Context ctx) {
        JsonBody.ofOptional(ctx, Set.of());
        String id = ctx.pathParam("id");
        RunCancel.Outcome outcome = RunCancel.request(store, id, "api", services.clock());
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("run_id", id);
        doc.put("status", outcome == RunCancel.Outcome.STOPPED ? "stopped" : "stopping");
        doc.put("reason", RunCancel.reason("api"));
        doc.put("url", "/api/loops/" + id);
        ctx.status(202).json(doc);
    }

    private void start(Context ctx) {
        JsonBody body = JsonBody.of(ctx, FIELDS);
        String runId = services.loops().start(request(body, roots), body.text("reflect"));
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("run_id", runId);
        doc.put("status", "running");
        doc.put("url", "/api/loops/" + runId);
        doc.put("events", "/api/loops/" + runId + "/events");
        ctx.status(202).json(doc);
    }

    /** The request, once its folders are known to be under the roots (before anything looks at them). */
    static LoopRequest request(JsonBody body, LoopRoots roots) {
        String workdir = body.requiredText("workdir");
        String agentsDir = body.text("agents_dir");
        roots.require("workdir", workdir);
        if (agentsDir != null) {
            roots.require("agents_dir", agentsDir);
        }
        LoopRequest request = LoopRequest.of(body);
        // the default, <workdir>/.claude/agents, may be a link to elsewhere
        roots.require("agents_dir", request.agentsFolder().toString());
        return request;
    }
}
