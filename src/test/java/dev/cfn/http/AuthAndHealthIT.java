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
 * 401 without or with a wrong one; {@code /health} and {@code /metrics} open on loopback unless
 * {@code api.metrics_token=true}), the refusal to bind beyond loopback without a token, and
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
            assertThat(anonymous.get("/health").status())
                    .as("read-only, open on loopback")
                    .isEqualTo(200);
            assertThat(anonymous.get("/metrics").status()).isEqualTo(200);
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
    void api_metrics_token_makes_health_and_metrics_need_the_token_too() throws Exception {
        Path home = tmp.resolve("home");
        ServeProcess.seed(home);
        Files.writeString(home.resolve("config"), "api.metrics_token=true\n");
        try (ServeProcess server = ServeProcess.start(home, Map.of())) {
            Http anonymous = new Http(server.url());
            assertThat(anonymous.get("/health").status()).isEqualTo(401);
            assertThat(anonymous.get("/metrics").status()).isEqualTo(401);
            assertThat(server.http().get("/metrics").status()).isEqualTo(200);
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
    void no_auth_is_refused_beyond_loopback_with_one_line_and_exit_2() throws Exception {
        Path home = tmp.resolve("home");
        int exit = ServeProcess.run(home, Map.of(), "serve", "--no-auth", "--bind", "0.0.0.0", "--port", "0");
        assertThat(exit).isEqualTo(2);
        assertThat(Files.readAllLines(home.resolve("cli.err")))
                .containsExactly("cfn: --no-auth is only allowed with a loopback --bind (127.0.0.1, ::1), but --bind"
                        + " was 0.0.0.0");
    }

    @Test
    void no_auth_on_loopback_warns_makes_no_token_and_still_refuses_other_sites() throws Exception {
        Path home = tmp.resolve("home");
        ServeProcess.seed(home);
        try (ServeProcess server = ServeProcess.start(home, Map.of(), "--no-auth")) {
            assertThat(server.stderr()).startsWith("cfn: warning: --no-auth: any local user or process can call");
            assertThat(home.resolve("api-token")).doesNotExist();
            assertThat(server.dashboard()).isEqualTo(server.url() + "/");
            Http anonymous = new Http(server.url());
            assertThat(anonymous.get("/api/skills").status()).isEqualTo(200);
            var foreign = anonymous.send(anonymous
                    .request("/api/skills")
                    .header("Origin", "http://evil.example")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"content\": \"x\"}")));
            assertThat(foreign.status()).isEqualTo(403);
            var plain = anonymous.send(anonymous
                    .request("/api/skills")
                    .setHeader("Content-Type", "text/plain")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"content\": \"x\"}")));
            assertThat(plain.status()).isEqualTo(415);
        }
    }

    @Test
    void a_token_file_others_may_read_is_refused_with_exit_2() throws Exception {
        Path home = Files.createDirectories(tmp.resolve("home"));
        Path file = home.resolve("api-token");
        Files.writeString(file, "guessable\n");
        Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
        int exit = ServeProcess.run(home, Map.of(), "serve", "--port", "0");
        assertThat(exit).isEqualTo(2);
        assertThat(Files.readAllLines(home.resolve("cli.err")))
                .containsExactly("cfn: " + file + " must be readable by its owner only (mode 600), but was rw-r--r--:"
                        + " run chmod 600 " + file);
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
            Http http = server.http();
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
