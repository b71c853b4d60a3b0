package dev.cfn.cli;

import dev.cfn.InvalidInputException;
import dev.cfn.cli.bench.MetricsBenchCommand;
import dev.cfn.cli.bench.ServeBenchCommand;
import dev.cfn.cli.loop.LoopRuns;
import dev.cfn.coord.Coordinator;
import dev.cfn.coord.RedisCoordinator;
import dev.cfn.http.ApiLoops;
import dev.cfn.http.CfnServer;
import dev.cfn.http.LoopEventHub;
import dev.cfn.http.ServerSettings;
import dev.cfn.http.Services;
import dev.cfn.loop.LoopResources;
import dev.cfn.metrics.CfnMetrics;
import dev.cfn.metrics.MemoryReading;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
        name = "serve",
        mixinStandardHelpOptions = true,
        description = {
            "Serve the HTTP API, the dashboard page and Prometheus /metrics until stopped (SIGTERM or Ctrl-C).",
            "",
            "Binds to 127.0.0.1 by default. Binding any other address requires CFN_API_TOKEN: every request"
                    + " must then carry 'Authorization: Bearer <token>'. /health answers 200, or 503 naming"
                    + " the part that failed (database, redis).",
            "Prints one line with the URL once listening (with --json: {\"url\":..., \"port\":...}).",
            "The dashboard is at /, the JSON API under /api (see the README), Prometheus metrics at /metrics."
        },
        footer = {"", "Example: cfn serve --port 7070 && curl -s http://127.0.0.1:7070/metrics | head"},
        subcommands = {ServeBenchCommand.class, MetricsBenchCommand.class})
public final class ServeCommand extends CfnSubcommand {
    @Option(
            names = "--port",
            paramLabel = "PORT",
            description = "TCP port (0: any free port). Default: ${DEFAULT-VALUE}.")
    int port = 7070;

    @Option(names = "--bind", paramLabel = "ADDRESS", description = "Address to listen on. Default: ${DEFAULT-VALUE}.")
    String bind = "127.0.0.1";

    @Option(
            names = "--max-loops",
            paramLabel = "N",
            description = "Loops started through the API that may run at once (more: 503). Default: ${DEFAULT-VALUE}.")
    int maxLoops = 4;

    /** Guards the context's lazy parts that request threads reach (the Redis coordinator, run resources). */
    private final Object lazyParts = new Object();

    @Override
    protected void execute() throws InterruptedException {
        ServerSettings settings = new ServerSettings(
                bind,
                port,
                Optional.ofNullable(ctx().env().get("CFN_API_TOKEN")),
                ServerSettings.DEFAULT_MAX_BODY_BYTES);
        // Jetty and Javalin log their start-up at INFO; stderr is for errors and warnings.
        System.getProperties().putIfAbsent("org.slf4j.simpleLogger.log.org.eclipse.jetty", "warn");
        System.getProperties().putIfAbsent("org.slf4j.simpleLogger.log.io.javalin", "warn");
        // Its one message of its own is "Failed to start Javalin", which CfnServer.start reports in one line.
        System.getProperties().putIfAbsent("org.slf4j.simpleLogger.log.io.javalin.Javalin", "off");
        StopSignal stop = ctx().stopSignal();
        if (maxLoops < 1 || maxLoops > 256) {
            throw new InvalidInputException("--max-loops must be 1 to 256, but was " + maxLoops);
        }
        LoopEventHub events = new LoopEventHub();
        // The probe first: the database, caches and pools opened below register with it.
        try (CfnMetrics metrics = CfnMetrics.create().install();
                ApiLoops loops = new ApiLoops(this::loopResources, events, maxLoops);
                CfnServer server = CfnServer.start(settings, services(metrics, loops, events))) {
            if (ctx().settings().redisUrl().isPresent()) {
                metrics.watchRedisMemory(this::redisMemory, CfnMetrics.REDIS_POLL);
            }
            String url = "http://" + hostForUrl(bind) + ":" + server.port();
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("url", url);
            doc.put("port", server.port());
            out().print(doc, () -> out().line("cfn serve: listening on " + url + " (metrics at " + url + "/metrics)"));
            out().flush();
            stop.await();
        }
    }

    private Services services(CfnMetrics metrics, ApiLoops loops, LoopEventHub events) {
        // Opened before the first request: the context's getters are not thread-safe.
        ctx().database();
        ctx().usageLog();
        Optional<Runnable> redisPing = ctx().settings().redisUrl().isPresent()
                ? Optional.of(() -> coordinator().ping())
                : Optional.empty();
        return new Services(
                ctx().database(),
                redisPing,
                metrics,
                ctx().registry(),
                ctx().loader(),
                ctx().analytics(),
                loops,
                events,
                ctx().clock());
    }

    /** Connects to Redis on first use and retries on each use while it is down (then /health says why). */
    private Coordinator coordinator() {
        synchronized (lazyParts) {
            return ctx().coordinator();
        }
    }

    /** Redis INFO memory for the metrics; throws while Redis is down (the poller counts the failure). */
    private MemoryReading redisMemory() {
        if (coordinator() instanceof RedisCoordinator redis) {
            return redis.memory();
        }
        throw new IllegalStateException("the coordinator is not on Redis");
    }

    private LoopResources loopResources() {
        synchronized (lazyParts) {
            return LoopRuns.resources(ctx());
        }
    }

    private static String hostForUrl(String bind) {
        return bind.contains(":") ? "[" + bind + "]" : bind;
    }
}
