package dev.cfn.http;

import dev.cfn.CfnException;
import dev.cfn.RetriableException;
import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.util.Map;

/**
 * The HTTP server of {@code cfn serve}: {@code /metrics}, {@code /health}, the API and the
 * dashboard, on Javalin (Jetty). Routes only parse, call the same code the CLI calls, and render;
 * failures map to status codes in {@link HttpErrors}. Thread-safe; {@link #close()} stops it.
 */
public final class CfnServer implements AutoCloseable {
    private final Javalin app;

    private CfnServer(Javalin app) {
        this.app = app;
    }

    /** Starts listening; throws {@link RetriableException} when the address cannot be bound. */
    public static CfnServer start(ServerSettings settings, Services services) {
        Javalin app = Javalin.create(config -> configure(config, settings, services));
        try {
            app.start(settings.bind(), settings.port());
        } catch (RuntimeException e) {
            app.stop();
            throw new RetriableException(
                    "cannot listen on " + settings.bind() + ":" + settings.port() + ": " + rootMessage(e), e);
        }
        return new CfnServer(app);
    }

    private static void configure(JavalinConfig config, ServerSettings settings, Services services) {
        config.startup.showJavalinBanner = false;
        config.http.maxRequestSize = settings.maxBodyBytes();
        config.concurrency.useVirtualThreads = true;
        HealthCheck health = new HealthCheck(services);
        config.routes.get(
                "/metrics",
                ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8")
                        .result(services.metrics().scrape()));
        config.routes.get("/health", ctx -> health(ctx, health));
        config.routes.exception(CfnException.class, (e, ctx) -> HttpErrors.respond(ctx, e));
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
