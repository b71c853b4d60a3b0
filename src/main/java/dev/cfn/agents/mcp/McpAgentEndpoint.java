package dev.cfn.agents.mcp;

import dev.cfn.InvalidInputException;
import dev.cfn.RetriableException;
import dev.cfn.agents.AgentAnswer;
import dev.cfn.agents.AgentChannel;
import dev.cfn.agents.AgentInvocation;
import dev.cfn.skills.LoadRequest;
import dev.cfn.skills.LoadedSkill;
import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.McpSyncServerExchange;
import io.modelcontextprotocol.server.transport.HttpServletStreamableServerTransportProvider;
import io.modelcontextprotocol.server.transport.ServerTransportSecurityException;
import io.modelcontextprotocol.spec.McpSchema;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The MCP endpoint the orchestrator hosts for the agents it runs: Streamable HTTP on 127.0.0.1 (a
 * random port), started on the first {@link #open} and shared by every agent of the process (no JVM
 * per agent). Each run gets its own bearer token; a request without a live token is refused (401),
 * as is one whose Host is not this loopback address or whose Origin is a web page's (403). It
 * offers {@code report_result} (the answer lands on the calling run's seat) and {@code
 * skills_for_agent}; never {@code loop_start} (a nested loop would escape the run's budget). The
 * SDK's servlet transport runs on Jetty 12, already in cfn for the API. Thread-safe.
 */
public final class McpAgentEndpoint implements AgentChannel, AutoCloseable {
    /** The path of the endpoint. */
    public static final String PATH = "/mcp";

    /** The name of the MCP server as agents see it: its tools are {@code mcp__cfn__<tool>}. */
    public static final String SERVER_NAME = "cfn";

    private static final String TOKEN = "cfn.token";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Function<LoadRequest, List<LoadedSkill>> skills;
    private final Map<String, OpenSeat> seats = new ConcurrentHashMap<>();
    private Server jetty;
    private McpSyncServer mcp;
    private HttpServletStreamableServerTransportProvider transport;
    private volatile int port;

    /** @param skills what {@code skills_for_agent} loads with; null: the tool answers that none is available */
    public McpAgentEndpoint(Function<LoadRequest, List<LoadedSkill>> skills) {
        this.skills = skills;
    }

    @Override
    public Optional<Seat> open(AgentInvocation inv) {
        String url = start();
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        OpenSeat seat = new OpenSeat(this, inv.agentId(), url, token);
        seats.put(token, seat);
        return Optional.of(seat);
    }

    /** The endpoint's URL, or null before the first seat started it. */
    public synchronized String url() {
        return jetty == null ? null : url(port);
    }

    /** Seats open now. */
    public int openSeats() {
        return seats.size();
    }

    private static String url(int port) {
        return "http://127.0.0.1:" + port + PATH;
    }

    private synchronized String start() {
        if (jetty != null) {
            return url(port);
        }
        HttpServletStreamableServerTransportProvider transport = HttpServletStreamableServerTransportProvider.builder()
                .jsonMapper(McpJsonDefaults.getMapper())
                .mcpEndpoint(PATH)
                // No sweeper: the SDK runs it on a scheduler of its own that nothing disposes (a
                // non-daemon thread per endpoint, kept after close); the sessions end with the endpoint.
                .sessionSweepInterval(null)
                .securityValidator(this::validate)
                .contextExtractor(request ->
                        McpTransportContext.create(Map.of(TOKEN, bearer(request.getHeader("Authorization")))))
                .build();
        List<SyncToolSpecification> tools = new ArrayList<>();
        tools.add(ReportResultTool.of(this::seatOf));
        tools.add(
                skills != null
                        ? SkillsForAgentTool.of(skills)
                        : SkillsForAgentTool.of(r -> {
                            throw new dev.cfn.CfnException(
                                    SkillsForAgentTool.NAME + ": this orchestrator has no skill registry");
                        }));
        McpSyncServer server = McpServer.sync(transport)
                .serverInfo(SERVER_NAME, "1")
                .capabilities(
                        McpSchema.ServerCapabilities.builder().tools(false).build())
                .validateToolInputs(false)
                .jsonSchemaValidator(McpTools.CHECKED_BY_HANDLERS) // the handlers check, with messages naming the field
                .tools(tools)
                .build();
        QueuedThreadPool threads = new QueuedThreadPool(32, 2);
        threads.setName("cfn-agent-mcp");
        threads.setDaemon(true);
        Server http = new Server(threads);
        ServerConnector connector = new ServerConnector(http, 1, 1);
        connector.setHost(InetAddress.getLoopbackAddress().getHostAddress());
        connector.setPort(0);
        http.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler();
        ServletHolder holder = new ServletHolder(transport);
        holder.setAsyncSupported(true);
        context.addServlet(holder, "/*");
        http.setHandler(context);
        try {
            http.start();
        } catch (Exception e) {
            server.close();
            stopQuietly(http);
            throw new RetriableException("cannot start the agents' MCP endpoint on 127.0.0.1: " + e.getMessage(), e);
        }
        this.port = connector.getLocalPort();
        this.jetty = http;
        this.mcp = server;
        this.transport = transport;
        return url(port);
    }

    /** Host, Origin and token, before the SDK reads a request. */
    private void validate(Map<String, List<String>> headers) throws ServerTransportSecurityException {
        String host = first(headers, "host");
        int p = port;
        if (host == null || !(host.equals("127.0.0.1:" + p) || host.equals("localhost:" + p))) {
            throw new ServerTransportSecurityException(403, "Host must be this loopback endpoint");
        }
        String origin = first(headers, "origin");
        if (origin != null && !(origin.equals("http://127.0.0.1:" + p) || origin.equals("http://localhost:" + p))) {
            throw new ServerTransportSecurityException(403, "Origin not allowed");
        }
        String token = bearer(first(headers, "authorization"));
        if (token.isEmpty() || find(token) == null) {
            throw new ServerTransportSecurityException(401, "a live agent token is required (Authorization: Bearer)");
        }
    }

    private OpenSeat find(String token) {
        OpenSeat seat = seats.get(token);
        if (seat == null) {
            return null;
        }
        // the map found it by hash; compare in constant time all the same
        boolean same = MessageDigest.isEqual(
                seat.token.getBytes(StandardCharsets.UTF_8), token.getBytes(StandardCharsets.UTF_8));
        return same ? seat : null;
    }

    OpenSeat seatOf(McpSyncServerExchange exchange) {
        Object token = exchange.transportContext().get(TOKEN);
        OpenSeat seat = token == null ? null : find(token.toString());
        if (seat == null) {
            throw new InvalidInputException("this agent's run has ended: its report is no longer taken");
        }
        return seat;
    }

    private static String first(Map<String, List<String>> headers, String name) {
        for (Map.Entry<String, List<String>> e : headers.entrySet()) {
            if (e.getKey() != null
                    && e.getKey().toLowerCase(Locale.ROOT).equals(name)
                    && !e.getValue().isEmpty()) {
                return e.getValue().get(0);
            }
        }
        return null;
    }

    private static String bearer(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return "";
        }
        return authorization.substring(7).strip();
    }

    @Override
    public synchronized void close() {
        seats.clear();
        if (mcp != null) {
            mcp.closeGracefully();
            mcp = null;
        }
        if (transport != null) {
            transport.destroy(); // ends its sessions and keep-alive
            transport = null;
        }
        if (jetty != null) {
            stopQuietly(jetty);
            jetty = null;
        }
    }

    private static void stopQuietly(Server http) {
        try {
            http.stop();
        } catch (Exception e) {
            // stopping a loopback server: nothing left to do
        }
    }

    /** One run's seat: its token, and the answer it reported. */
    static final class OpenSeat implements Seat {
        private final McpAgentEndpoint endpoint;
        private final String agentId;
        private final String url;
        private final String token;
        private volatile AgentAnswer reported;

        OpenSeat(McpAgentEndpoint endpoint, String agentId, String url, String token) {
            this.endpoint = endpoint;
            this.agentId = agentId;
            this.url = url;
            this.token = token;
        }

        String agentId() {
            return agentId;
        }

        void report(AgentAnswer answer) {
            reported = answer;
        }

        @Override
        public String url() {
            return url;
        }

        @Override
        public String token() {
            return token;
        }

        @Override
        public Optional<AgentAnswer> reported() {
            return Optional.ofNullable(reported);
        }

        @Override
        public void close() {
            endpoint.seats.remove(token, this);
        }

        @Override
        public String toString() {
            return "seat of " + agentId + " at " + url; // never the token
        }
    }
}
