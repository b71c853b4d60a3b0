package dev.cfn.cli;

import dev.cfn.coord.RedisCoordinator;
import dev.cfn.http.CfnServer;
import dev.cfn.http.ServerSettings;
import dev.cfn.http.Services;
import dev.cfn.metrics.CfnMetrics;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
        name = "serve",
        mixinStandardHelpOptions = true,
        subcommands = MetricsBenchCommand.class,
        description = {
            "Serve the HTTP API, the dashboard page and Prometheus /metrics until stopped (SIGTERM or Ctrl-C).",
            "",
            "Binds to 127.0.0.1 by default. Binding any other address requires CFN_API_TOKEN: every request"
                    + " must then carry 'Authorization: Bearer <token>'. /health answers 200, or 503 naming"
                    + " the part that failed (database, redis).",
            "Prints one line with the URL once listening (with --json: {\"url\":..., \"port\":...})."
        },
        footer = {"", "Example: cfn serve --port 7070 && curl -s http://127.0.0.1:7070/metrics | head"})
public final class ServeCommand extends CfnSubcommand {
    @Option(
            names = "--port",
            paramLabel = "PORT",
            description = "TCP port (0: any free port). Default: ${DEFAULT-VALUE}.")
    int port = 7070;

    @Option(names = "--bind", paramLabel = "ADDRESS", description = "Address to listen on. Default: ${DEFAULT-VALUE}.")
    String bind = "127.0.0.1";

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
        StopSignal stop = ctx().stopSignal();
        try (CfnMetrics metrics = CfnMetrics.create().install();
                CfnServer server = CfnServer.start(settings, services(metrics))) {
            if (ctx().settings().redisUrl().isPresent() && ctx().coordinator() instanceof RedisCoordinator redis) {
                metrics.watchRedisMemory(redis::memory, CfnMetrics.REDIS_POLL);
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

    private Services services(CfnMetrics metrics) {
        boolean redis = ctx().settings().redisUrl().isPresent();
        return new Services(ctx().database(), redis ? Optional.of(ctx().coordinator()) : Optional.empty(), metrics);
    }

    private static String hostForUrl(String bind) {
        return bind.contains(":") ? "[" + bind + "]" : bind;
    }
}
