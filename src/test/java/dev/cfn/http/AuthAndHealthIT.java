package dev.cfn.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server's guards, each on a real {@code cfn serve}: the bearer token (checked before any route,
 * 401 without or with a wrong one), the refusal to bind beyond loopback without a token, and
 * {@code /health} / a loop start answering 503 when the configured Redis is dead.
 */
class AuthAndHealthIT {
    @TempDir
    Path tmp;

    @Test
    void with_a_token_every_request_needs_it_and_the_dashboard_gets_it_as_a_cookie() throws Exception {
        ServeProcess.seed(tmp.resolve("home"));
        try (ServeProcess server = ServeProcess.start(tmp.resolve("home"), Map.of("CFN_API_TOKEN", "s3cret-token"))) {
            Http anonymous = new Http(server.url());
            var none = anonymous.get("/api/skills");
            assertThat(none.status()).isEqualTo(401);
            assertThat(none.error()).contains("Authorization: Bearer");
            assertThat(anonymous.get("/api/no-such-route").status())
                    .as("before routing")
                    .isEqualTo(401);
            assertThat(anonymous.get("/health").status()).isEqualTo(401);
            assertThat(anonymous.get("/").status()).isEqualTo(401);
            assertThat(new Http(server.url(), "s3cret-tokeN").get("/api/skills").status())
                    .isEqualTo(401);
            assertThat(new Http(server.url(), "s3cret").get("/api/skills").status())
                    .isEqualTo(401);

            Http authorised = new Http(server.url(), "s3cret-token");
            assertThat(authorised.get("/api/skills").status()).isEqualTo(200);
            assertThat(authorised.get("/health").status()).isEqualTo(200);

            HttpClient browser = HttpClient.newBuilder()
                    .cookieHandler(new java.net.CookieManager())
                    .followRedirects(HttpClient.Redirect.NORMAL)
                    .build();
            var wrong = browser.send(
                    HttpRequest.newBuilder(URI.create(server.url() + "/?token=guess"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(wrong.statusCode()).isEqualTo(401);
            var page = browser.send(
                    HttpRequest.newBuilder(URI.create(server.url() + "/?token=s3cret-token"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.body()).contains("cfn dashboard");
            var api = browser.send(
                    HttpRequest.newBuilder(URI.create(server.url() + "/api/skills"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(api.statusCode())
                    .as("the cookie authorises the page's own calls")
                    .isEqualTo(200);
        }
    }

    @Test
    void a_port_already_taken_is_one_line_naming_the_address_and_exit_1() throws Exception {
        Path home = tmp.resolve("home");
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();
            int exit = ServeProcess.run(home, Map.of(), "serve", "--port", Integer.toString(port));
            assertThat(exit).isEqualTo(1);
            assertThat(Files.readAllLines(home.resolve("cli.err")))
                    .containsExactly("cfn: cannot listen on 127.0.0.1:" + port + ": Address already in use");
        }
    }

    @Test
    void binding_beyond_loopback_without_a_token_is_refused_with_exit_2() throws Exception {
        Path home = tmp.resolve("home");
        int exit = ServeProcess.run(home, Map.of(), "serve", "--bind", "0.0.0.0", "--port", "0");
        assertThat(exit).isEqualTo(2);
        assertThat(Files.readString(home.resolve("cli.err")))
                .contains("CFN_API_TOKEN")
                .contains("0.0.0.0");
    }

    @Test
    void a_dead_redis_makes_health_and_loop_starts_503_while_the_rest_works() throws Exception {
        int deadPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            deadPort = socket.getLocalPort();
        }
        ServeProcess.seed(tmp.resolve("home"));
        Map<String, String> env = Map.of("CFN_REDIS_URL", "redis://127.0.0.1:" + deadPort);
        try (ServeProcess server = ServeProcess.start(tmp.resolve("home"), env)) {
            Http http = new Http(server.url());
            var health = http.get("/health");
            assertThat(health.status()).isEqualTo(503);
            assertThat(health.json().get("status").asText()).isEqualTo("unavailable");
            assertThat(health.json().get("checks").get("database").asText()).isEqualTo("ok");
            assertThat(health.json().get("checks").get("redis").asText())
                    .isNotEqualTo("ok")
                    .isNotBlank();

            assertThat(http.get("/api/skills").status()).isEqualTo(200);
            Path agents = Files.createDirectories(tmp.resolve("agents"));
            var loop = http.post(
                    "/api/loops",
                    Http.json(Map.of(
                            "task",
                            "x",
                            "workdir",
                            tmp.toString(),
                            "agents_dir",
                            agents.toString(),
                            "loop3",
                            java.util.List.of("a"))));
            assertThat(loop.status()).isEqualTo(503);
            assertThat(loop.error()).contains(Integer.toString(deadPort));
        }
    }
}
