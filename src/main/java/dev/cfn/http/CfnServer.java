package dev.cfn.http;

import dev.cfn.CfnException;
import dev.cfn.RetriableException;
import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import jakarta.servlet.http.HttpServlet;
import java.util.Map;

/**
 * The HTTP server of {@code cfn serve}: {@code /metrics}, {@code /health}, the API and the
 * dashboard, on Javalin (Jetty). Before any route, {@link RequestGuard} refuses what a web page could
 * make a browser send (foreign Host or Origin) and {@link ApiAuth} checks the token; JSON bodies must
 * be {@code application/json} ({@link JsonBody}); loops stay under {@link LoopRoots}. Routes only
 * parse, call the same code the CLI calls, and render; failures map to status codes in {@link
 * HttpErrors}, Jetty's own in {@link JsonErrorHandler}. Thread-safe; {@link #close()} stops it.
 */
public final class CfnServer implements AutoCloseable {
    /** Where the refusals point to for the names, origins and roots allowed (not the path: callers may be remote). */
    private static final String CONFIG = "the server's <home>/config";

    private final Javalin app;
    private final LoopEventHub events;

    private CfnServer(Javalin app, LoopEventHub events) {
        this.app = app;
        this.events = events;
    }

    /** Starts listening; throws {@link RetriableException} when the address cannot be bound. */
    public static CfnServer start(ServerSettings settings, Services services) {
        return start(settings, services, null);
    }

    /**
     * As {@link #start(ServerSettings, Services)}, with an MCP endpoint (Streamable HTTP, stateless)
     * answering {@code POST /mcp} behind the same Host, Origin and token checks as the API.
     *
     * @param mcp the endpoint's servlet, or null for none
     */
    public static CfnServer start(ServerSettings settings, Services services, HttpServlet mcp) {
        Javalin app = Javalin.create(config -> {
            configure(config, settings, services);
            if (mcp != null) {
                config.routes.post("/mcp", ctx -> mcp.service(ctx.req(), ctx.res()));
            }
        });
        try {
            app.start(settings.bind(), settings.port());
        } catch (RuntimeException e) {
            app.stop();
            throw new RetriableException(
                    "cannot listen on " + settings.bind() + ":" + settings.port() + ": " + rootMessage(e), e);
        }
        return new CfnServer(app, services.events());
    }

    private static void configure(JavalinConfig config, ServerSettings settings, Services services) {
        config.startup.showJavalinBanner = false;
        config.http.maxRequestSize = settings.maxBodyBytes();
        config.http.prefer405over404 = true;
        config.concurrency.useVirtualThreads = true;
        config.jetty.modifyServer(server -> server.setErrorHandler(new JsonErrorHandler()));
        // Host and Origin first: a request a web page made is refused whatever else it carries.
        config.routes.before(new RequestGuard(settings.bind(), settings.api(), CONFIG)::check);
        settings.token().ifPresent(token -> {
            ApiAuth auth = new ApiAuth(token, settings.healthAndMetricsOpen());
            config.routes.before(auth::check);
        });
        HealthCheck health = new HealthCheck(services);
        config.routes.get(
                "/metrics",
                ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8")
                        .result(services.metrics().scrape()));
        config.routes.get("/health", ctx -> health(ctx, health));
        new Dashboard().register(config.routes);
        new SkillRoutes(services).register(config.routes);
        new LoopRoutes(services, services.events(), new LoopRoots(settings.api().roots(), CONFIG))
                .register(config.routes);
        new AnalyticsRoutes(services).register(config.routes);
        config.routes.exception(CfnException.class, (e, ctx) -> HttpErrors.respond(ctx, e));
        config.routes.exception(
                HttpResponseException.class, (e, ctx) -> HttpErrors.respond(ctx, e, settings.maxBodyBytes()));
        config.routes.exception(Exception.class, (e, ctx) -> HttpErrors.respondInternal(ctx, e));
    }

    private static void health(Context ctx, HealthCheck check) {
        Map<String, String> parts = check.run();
        ctx.status(HealthCheck.healthy(parts) ? 200 : 503)
                .json(Map.of("status", HealthCheck.healthy(parts) ? "ok" : "unavailable", "checks", parts));
    }

    /** The port actually bound (useful with port 0). */
    public int port() {
        return app.port();
    }

    @Override
    public void close() {
        events.close(); // ends the SSE streams, which would otherwise hold the stop for their keep-alive
        app.stop();
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }
}
