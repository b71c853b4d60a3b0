package dev.cfn.cli;

import dev.cfn.InvalidInputException;
import dev.cfn.cli.bench.MetricsBenchCommand;
import dev.cfn.cli.bench.ServeBenchCommand;
import dev.cfn.cli.loop.LoopRuns;
import dev.cfn.config.SettingsLoader;
import dev.cfn.coord.Coordinator;
import dev.cfn.coord.RedisCoordinator;
import dev.cfn.http.ApiLoops;
import dev.cfn.http.ApiToken;
import dev.cfn.http.CfnServer;
import dev.cfn.http.LoopEventHub;
import dev.cfn.http.ServerSettings;
import dev.cfn.http.Services;
import dev.cfn.loop.RunStore;
import dev.cfn.loop.session.LoopResources;
import dev.cfn.mcp.CfnMcpServer;
import dev.cfn.mcp.McpServices;
import dev.cfn.metrics.CfnMetrics;
import dev.cfn.metrics.MemoryReading;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
        name = "serve",
        description = {
            "Serve the HTTP API, the dashboard page and Prometheus /metrics until stopped (SIGTERM or Ctrl-C).",
            "",
            "Binds to 127.0.0.1 by default. Every request but /health and /metrics must carry 'Authorization:"
                    + " Bearer <token>', the token of <home>/api-token (made, mode 600, on the first start);"
                    + " binding any other address requires CFN_API_TOKEN instead, and /health and /metrics"
                    + " need it too. Requests whose Host does not name this server (421), whose Origin is"
                    + " another site's (403), or whose body is not application/json (415) are refused."
                    + " /health answers 200, or 503 naming the part that failed (database, redis).",
            "Prints one line with the URL and the dashboard's link once listening (with --json: {\"url\":...,"
                    + " \"port\":..., \"dashboard\":...}).",
            "The dashboard is at /, the JSON API under /api (see the README), Prometheus metrics at /metrics, and"
                    + " cfn mcp's tools at POST /mcp (MCP Streamable HTTP, stateless; same token and checks)."
        },
        footer = {
            "",
            "Example: cfn serve --port 7070 & curl -s -H \"Authorization: Bearer $(cat .cfn/api-token)\""
                    + " http://127.0.0.1:7070/api/skills"
        },
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

    @Option(
            names = "--no-auth",
            description = "No token: any local user or process may call the API (loopback --bind only).")
    boolean noAuth;

    @Override
    protected void execute() throws InterruptedException {
        Optional<String> token = token();
        ServerSettings settings = new ServerSettings(
                bind,
                port,
                token,
                ServerSettings.DEFAULT_MAX_BODY_BYTES,
                new SettingsLoader(ctx().env()).api(ctx().settings(), Path.of("")));
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
                McpOverHttp mcp = new McpOverHttp(loops);
                CfnServer server = CfnServer.start(settings, services(metrics, loops, events), mcp.servlet())) {
            if (ctx().settings().redisUrl().isPresent()) {
                metrics.watchRedisMemory(this::redisMemory, CfnMetrics.REDIS_POLL);
            }
            String url = "http://" + hostForUrl(bind) + ":" + server.port();
            String dashboard = url + "/" + dashboardQuery(token);
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("url", url);
            doc.put("port", server.port());
            doc.put("dashboard", dashboard);
            out().print(
                            doc,
                            () -> out().line("cfn serve: listening on " + url + " (dashboard: " + dashboard
                                    + " metrics at " + url + "/metrics)"));
            out().flush();
            stop.await();
        }
    }

    /** cfn mcp's tools and resources at POST /mcp (stateless Streamable HTTP), its SDK started only here. */
    private final class McpOverHttp implements AutoCloseable {
        private final CfnMcpServer.HttpEndpoint endpoint;

        McpOverHttp(ApiLoops loops) {
            McpServices mcp = new McpServices(
                    ctx().registry(),
                    ctx().loader()::load,
                    new RunStore(ctx().database()),
                    loops::start,
                    ctx().clock());
            String version = CfnCommand.class.getPackage().getImplementationVersion();
            this.endpoint = new CfnMcpServer(mcp).http(version == null ? "dev" : version);
        }

        jakarta.servlet.http.HttpServlet servlet() {
            return endpoint.servlet();
        }

        @Override
        public void close() {
            endpoint.stop().run();
        }
    }

    /**
     * CFN_API_TOKEN when set; else none with --no-auth (loopback only); else, on loopback, the home's
     * api-token, made when missing. Beyond loopback without CFN_API_TOKEN: empty, which ServerSettings
     * refuses (the rule for such binds is unchanged).
     */
    private Optional<String> token() {
        Optional<String> fromEnv = envToken();
        boolean loopback = ServerSettings.isLoopback(bind);
        if (noAuth) {
            if (!loopback) {
                throw new InvalidInputException(
                        "--no-auth is only allowed with a loopback --bind (127.0.0.1, ::1), but --bind was " + bind);
            }
            if (fromEnv.isPresent()) {
                throw new InvalidInputException("--no-auth contradicts CFN_API_TOKEN: unset one of them");
            }
            out().warn("--no-auth: any local user or process can call this API, including running agents");
            return Optional.empty();
        }
        if (fromEnv.isPresent() || !loopback) {
            return fromEnv;
        }
        return Optional.of(ApiToken.readOrCreate(ctx().settings().home()));
    }

    /** The token once in the dashboard's link (it becomes a cookie); CFN_API_TOKEN is not printed. */
    private String dashboardQuery(Optional<String> token) {
        if (token.isEmpty()) {
            return "";
        }
        return envToken().isPresent() ? "?token=<CFN_API_TOKEN>" : "?token=" + token.get();
    }

    private Optional<String> envToken() {
        return Optional.ofNullable(ctx().env().get("CFN_API_TOKEN")).filter(t -> !t.isBlank());
    }

    private Services services(CfnMetrics metrics, ApiLoops loops, LoopEventHub events) {
        // Opened before the first request: a database or log folder that cannot be opened fails the start.
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
        return ctx().coordinator();
    }

    /** Redis INFO memory for the metrics; throws while Redis is down (the poller counts the failure). */
    private MemoryReading redisMemory() {
        if (coordinator() instanceof RedisCoordinator redis) {
            return redis.memory();
        }
        throw new IllegalStateException("the coordinator is not on Redis");
    }

    private LoopResources loopResources() {
        return LoopRuns.resources(ctx());
    }

    private static String hostForUrl(String bind) {
        return bind.contains(":") ? "[" + bind + "]" : bind;
    }
}
