package dev.cfn.http;

import dev.cfn.InvalidInputException;
import dev.cfn.config.ApiSettings;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Objects;
import java.util.Optional;

/**
 * Where {@code cfn serve} listens and who may call it.
 *
 * @param bind the address to bind; any address but loopback needs a token
 * @param port the TCP port, 0 for any free one
 * @param token the bearer token every request must carry (the home's {@code api-token}, or {@code
 *     CFN_API_TOKEN}); empty for none ({@code --no-auth}, loopback only)
 * @param maxBodyBytes larger request bodies are refused with 413
 * @param api the hosts, origins and loop roots allowed beyond the defaults
 */
public record ServerSettings(String bind, int port, Optional<String> token, long maxBodyBytes, ApiSettings api) {
    public static final long DEFAULT_MAX_BODY_BYTES = 1L << 20;

    public ServerSettings {
        if (port < 0 || port > 65_535) {
            throw new InvalidInputException("--port must be between 0 and 65535, but was " + port);
        }
        token = token.filter(t -> !t.isBlank());
        Objects.requireNonNull(api, "api");
        if (token.isEmpty() && !isLoopback(bind)) {
            throw new InvalidInputException(
                    "--bind " + bind
                            + " is not a loopback address: set CFN_API_TOKEN so callers must send 'Authorization: Bearer <token>'");
        }
    }

    /** True when {@code address} names only this machine (127.0.0.0/8, ::1, localhost). */
    public static boolean isLoopback(String address) {
        try {
            return InetAddress.getByName(address).isLoopbackAddress();
        } catch (UnknownHostException e) {
            throw new InvalidInputException("--bind must be an address of this machine, but was '" + address + "'");
        }
    }

    /** True when {@code /health} and {@code /metrics} answer without the token. */
    boolean healthAndMetricsOpen() {
        return isLoopback(bind) && !api.tokenOnHealthAndMetrics();
    }
}
