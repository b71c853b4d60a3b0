package dev.cfn.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.spec.McpSchema;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code cfn serve} also serves cfn's MCP tools at {@code POST /mcp} (Streamable HTTP, stateless),
 * reached with the official SDK's client, behind the API's token and Origin checks.
 */
class ServeMcpIT {
    private static final String TOKEN = "mcp-test-token";
    private static final String INITIALIZE = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":"
            + "{\"protocolVersion\":\"2025-06-18\",\"capabilities\":{},\"clientInfo\":{\"name\":\"t\",\"version\":\"1\"}}}";

    @TempDir
    Path tmp;

    @Test
    void the_mcp_tools_answer_over_http_with_the_token_and_not_without_it() throws Exception {
        Path home = tmp.resolve("home");
        ServeProcess.seed(home);
        try (ServeProcess server = ServeProcess.start(home, Map.of("CFN_API_TOKEN", TOKEN))) {
            HttpClientStreamableHttpTransport transport = HttpClientStreamableHttpTransport.builder(server.url())
                    .endpoint("/mcp")
                    .jsonMapper(McpJsonDefaults.getMapper())
                    .requestBuilder(HttpRequest.newBuilder().header("Authorization", "Bearer " + TOKEN))
                    .build();
            try (McpSyncClient client = McpClient.sync(transport)
                    .requestTimeout(Duration.ofSeconds(30))
                    .build()) {
                client.initialize();
                assertThat(client.listTools().tools())
                        .extracting(McpSchema.Tool::name)
                        .contains("skill_show", "loop_start")
                        .doesNotContain("report_result");
                McpSchema.CallToolResult list = client.callTool(new McpSchema.CallToolRequest("loop_list", Map.of()));
                assertThat(list.isError()).isFalse();
                assertThat(text(list)).contains("\"runs\"");
                McpSchema.CallToolResult missing =
                        client.callTool(new McpSchema.CallToolRequest("skill_show", Map.of("name", "no-such-skill")));
                assertThat(missing.isError()).isTrue();
                assertThat(text(missing)).isEqualTo("skill 'no-such-skill' does not exist");
            }

            HttpClient http = HttpClient.newHttpClient();
            assertThat(post(http, server.url(), null, null)).isEqualTo(401);
            assertThat(post(http, server.url(), "Bearer wrong", null)).isEqualTo(401);
            assertThat(post(http, server.url(), "Bearer " + TOKEN, "http://evil.example"))
                    .isEqualTo(403);
            assertThat(post(http, server.url(), "Bearer " + TOKEN, null)).isEqualTo(200);
        }
    }

    private static int post(HttpClient http, String url, String authorization, String origin) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url + "/mcp"))
                .header("Content-Type", "application/json")
                .header("Accept", "application/json, text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString(INITIALIZE));
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        if (origin != null) {
            b.header("Origin", origin);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static String text(McpSchema.CallToolResult result) {
        return ((McpSchema.TextContent) result.content().get(0)).text();
    }
}
