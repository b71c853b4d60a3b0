package dev.cfn.agents.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cfn.agents.AgentAnswer;
import dev.cfn.agents.AgentChannel;
import dev.cfn.agents.AgentDefinition;
import dev.cfn.agents.AgentInvocation;
import dev.cfn.agents.AgentRole;
import dev.cfn.agents.Complexity;
import dev.cfn.agents.Feedback;
import dev.cfn.agents.RuntimeKind;
import dev.cfn.protocol.Decision;
import dev.cfn.protocol.Phase;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agents' MCP endpoint on loopback, reached with the official SDK's Streamable HTTP client (what
 * Claude Code speaks) and with raw requests for what a browser or another process could send.
 */
class McpAgentEndpointTest {
    private static final String INITIALIZE = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":"
            + "{\"protocolVersion\":\"2025-06-18\",\"capabilities\":{},\"clientInfo\":{\"name\":\"t\",\"version\":\"1\"}}}";

    @TempDir
    Path dir;

    private final McpAgentEndpoint endpoint = new McpAgentEndpoint(null);

    @AfterEach
    void close() {
        endpoint.close();
    }

    @Test
    void an_agent_reports_its_answer_through_the_parser_of_answer_lines_and_it_lands_on_its_seat() {
        AgentChannel.Seat seat = endpoint.open(invocation("coder-1-1")).orElseThrow();
        AgentChannel.Seat other = endpoint.open(invocation("coder-1-2")).orElseThrow();
        try (McpSyncClient client = client(seat.url(), seat.token())) {
            assertThat(client.listTools().tools())
                    .extracting(McpSchema.Tool::name)
                    .containsExactlyInAnyOrder("report_result", "skills_for_agent");

            McpSchema.CallToolResult r = client.callTool(new McpSchema.CallToolRequest(
                    "report_result",
                    Map.of(
                            "confidence",
                            "85%", // lenient as an answer line is
                            "status",
                            "success",
                            "summary",
                            "done",
                            "feedback",
                            List.of(Map.of("severity", "critical", "message", "no tests")),
                            "decision",
                            "proceed")));

            assertThat(r.isError()).isFalse();
            AgentAnswer answer = seat.reported().orElseThrow();
            assertThat(answer.confidence()).isEqualTo(0.85);
            assertThat(answer.summary()).isEqualTo("done");
            assertThat(answer.feedback()).containsExactly(new Feedback(Feedback.Severity.CRITICAL, "no tests"));
            assertThat(answer.decision()).isEqualTo(Decision.PROCEED);
            assertThat(other.reported()).as("another run's seat").isEmpty();
        }
    }

    @Test
    void an_answer_without_a_valid_confidence_is_refused_and_not_recorded() {
        AgentChannel.Seat seat = endpoint.open(invocation("coder-1-1")).orElseThrow();
        try (McpSyncClient client = client(seat.url(), seat.token())) {
            McpSchema.CallToolResult none =
                    client.callTool(new McpSchema.CallToolRequest("report_result", Map.of("summary", "done")));
            McpSchema.CallToolResult high =
                    client.callTool(new McpSchema.CallToolRequest("report_result", Map.of("confidence", 1.5)));
            McpSchema.CallToolResult skills =
                    client.callTool(new McpSchema.CallToolRequest("skills_for_agent", Map.of("agent_type", "coder")));

            assertThat(none.isError()).isTrue();
            assertThat(text(none))
                    .isEqualTo("report_result: no confidence reported (confidence must be a number from 0 to 1):"
                            + " not recorded, call again");
            assertThat(text(high)).startsWith("report_result: confidence 1.5 is outside 0..1");
            assertThat(seat.reported()).isEmpty();
            assertThat(skills.isError()).isTrue();
            assertThat(text(skills)).isEqualTo("skills_for_agent: this orchestrator has no skill registry");
        }
    }

    @Test
    void requests_without_a_live_token_from_another_host_or_a_web_origin_are_refused() throws IOException {
        AgentChannel.Seat seat = endpoint.open(invocation("coder-1-1")).orElseThrow();
        AgentChannel.Seat ended = endpoint.open(invocation("coder-1-2")).orElseThrow();
        ended.close();
        URI url = URI.create(seat.url());
        String host = "127.0.0.1:" + url.getPort();

        assertThat(post(url, host, null, null)).isEqualTo(401);
        assertThat(post(url, host, "Bearer wrong", null)).isEqualTo(401);
        assertThat(post(url, host, "Bearer " + ended.token(), null)).isEqualTo(401);
        assertThat(post(url, "evil.example:" + url.getPort(), "Bearer " + seat.token(), null))
                .isEqualTo(403);
        assertThat(post(url, host, "Bearer " + seat.token(), "http://evil.example"))
                .isEqualTo(403);
        assertThat(post(url, host, "Bearer " + seat.token(), null)).isEqualTo(200);
        assertThat(endpoint.openSeats()).isEqualTo(1);
    }

    @Test
    void closing_ends_its_threads() {
        McpAgentEndpoint own = new McpAgentEndpoint(null);
        own.open(invocation("coder-1-1")).orElseThrow();
        assertThat(threads()).as("started").isNotEmpty();

        own.close();

        org.awaitility.Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(threads()).isEmpty());
    }

    /** Live threads of the endpoint (Jetty's pool) and of the SDK's transport (its session sweeper). */
    private static List<String> threads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(Thread::isAlive)
                .map(Thread::getName)
                .filter(n -> n.startsWith("cfn-agent-mcp") || n.contains("session-sweeper"))
                .toList();
    }

    /** The status of a raw initialize request (any Host header, unlike java.net.http). */
    private static int post(URI url, String host, String authorization, String origin) throws IOException {
        byte[] body = INITIALIZE.getBytes(StandardCharsets.UTF_8);
        StringBuilder head = new StringBuilder("POST /mcp HTTP/1.1\r\nHost: ")
                .append(host)
                .append("\r\nContent-Type: application/json\r\nAccept: application/json, text/event-stream\r\n")
                .append("Connection: close\r\nContent-Length: ")
                .append(body.length)
                .append("\r\n");
        if (authorization != null) {
            head.append("Authorization: ").append(authorization).append("\r\n");
        }
        if (origin != null) {
            head.append("Origin: ").append(origin).append("\r\n");
        }
        head.append("\r\n");
        try (Socket socket = new Socket(url.getHost(), url.getPort())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(head.toString().getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
            InputStream in = socket.getInputStream();
            StringBuilder status = new StringBuilder();
            for (int c = in.read(); c != -1 && c != '\r'; c = in.read()) {
                status.append((char) c);
            }
            return Integer.parseInt(status.toString().split(" ")[1]);
        }
    }

    private static McpSyncClient client(String url, String token) {
        URI uri = URI.create(url);
        HttpClientStreamableHttpTransport transport = HttpClientStreamableHttpTransport.builder(
                        "http://" + uri.getHost() + ":" + uri.getPort())
                .endpoint(uri.getPath())
                .jsonMapper(McpJsonDefaults.getMapper())
                .requestBuilder(HttpRequest.newBuilder().header("Authorization", "Bearer " + token))
                .build();
        McpSyncClient client =
                McpClient.sync(transport).requestTimeout(Duration.ofSeconds(20)).build();
        client.initialize();
        return client;
    }

    private static String text(McpSchema.CallToolResult result) {
        return ((McpSchema.TextContent) result.content().get(0)).text();
    }

    private AgentInvocation invocation(String agentId) {
        AgentDefinition d = new AgentDefinition(
                "coder",
                "a test agent",
                List.of(),
                null,
                RuntimeKind.CLAUDE_CODE,
                List.of(),
                AgentRole.IMPLEMENTER,
                Complexity.LOW,
                Duration.ofSeconds(60),
                false,
                null,
                null,
                "",
                null,
                Map.of());
        return new AgentInvocation(
                d,
                "task-1",
                agentId,
                1,
                Phase.LOOP3,
                "mvp",
                dir,
                Map.of(),
                Map.of(),
                Duration.ofSeconds(60),
                dir.resolve("logs"));
    }
}
