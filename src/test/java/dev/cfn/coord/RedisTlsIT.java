package dev.cfn.coord;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.cfn.RetriableException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** TLS through a {@code rediss://} URL, against a redis-server of its own with a self-signed certificate. */
class RedisTlsIT {
    @TempDir
    Path dir;

    private Process server;
    private int port;

    @BeforeEach
    void startTlsServer() throws Exception {
        Assumptions.assumeTrue(RedisServerProcess.installed(), "redis-server is not installed");
        Process openssl = new ProcessBuilder(
                        "openssl",
                        "req",
                        "-x509",
                        "-newkey",
                        "rsa:2048",
                        "-nodes",
                        "-days",
                        "1",
                        "-subj",
                        "/CN=127.0.0.1",
                        "-keyout",
                        dir.resolve("key.pem").toString(),
                        "-out",
                        dir.resolve("cert.pem").toString())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("openssl.log").toFile())
                .start();
        Assumptions.assumeTrue(openssl.waitFor() == 0, "openssl could not make a certificate");
        port = RedisServerProcess.freePort();
        server = new ProcessBuilder(List.of(
                        "redis-server",
                        "--port",
                        "0",
                        "--tls-port",
                        String.valueOf(port),
                        "--bind",
                        "127.0.0.1",
                        "--tls-cert-file",
                        dir.resolve("cert.pem").toString(),
                        "--tls-key-file",
                        dir.resolve("key.pem").toString(),
                        "--tls-ca-cert-file",
                        dir.resolve("cert.pem").toString(),
                        "--tls-auth-clients",
                        "no",
                        "--requirepass",
                        RedisServerProcess.PASSWORD,
                        "--save",
                        "",
                        "--appendonly",
                        "no",
                        "--daemonize",
                        "no"))
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("redis.log").toFile())
                .start();
        await().atMost(Duration.ofSeconds(5))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> accepts() || !server.isAlive());
        Assumptions.assumeTrue(server.isAlive(), "this redis-server was built without TLS");
    }

    @AfterEach
    void stop() throws Exception {
        if (server != null) {
            server.destroyForcibly().waitFor();
        }
    }

    @Test
    void a_rediss_url_with_a_password_coordinates_over_tls() {
        String url = "rediss://:" + RedisServerProcess.PASSWORD + "@127.0.0.1:" + port + "?verifyPeer=NONE";
        try (Coordinator coord = RedisCoordinator.create(url)) {
            coord.signal("task-1", "coder-1-1", Completion.of("over tls"));

            assertThat(coord.await("task-1", "coder-1-1", Duration.ofSeconds(5)))
                    .contains("over tls");
            assertThat(coord.describe()).isEqualTo("rediss://***@127.0.0.1:" + port + "?verifyPeer=NONE");
        }
    }

    @Test
    void an_untrusted_certificate_fails_with_one_line_naming_the_url() {
        String url = "rediss://:" + RedisServerProcess.PASSWORD + "@127.0.0.1:" + port;

        assertThatThrownBy(() -> RedisCoordinator.create(url))
                .isInstanceOf(RetriableException.class)
                .hasMessageStartingWith("Redis at rediss://***@127.0.0.1:" + port + " is unavailable: ")
                .hasMessageContaining("certification path")
                .hasMessageNotContaining(RedisServerProcess.PASSWORD)
                .hasMessageNotContaining("\n");
    }

    private boolean accepts() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (java.io.IOException e) {
            return false;
        }
    }
}
