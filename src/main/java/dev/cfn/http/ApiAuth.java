package dev.cfn.http;

import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.SameSite;
import io.javalin.http.UnauthorizedResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Set;

/**
 * The bearer-token check run before every request when a token is set (the home's {@code
 * api-token}, or {@code CFN_API_TOKEN}): {@code Authorization: Bearer <token>}, or the {@value
 * #COOKIE} cookie the dashboard gets by being opened once as {@code /?token=<token>} (a browser's
 * EventSource cannot send headers). {@code /health} and {@code /metrics} may be left open. Compared
 * in constant time (SHA-256 digests with {@link MessageDigest#isEqual}, so not even the length leaks).
 */
final class ApiAuth {
    static final String COOKIE = "cfn_token";
    static final Set<String> HEALTH_AND_METRICS = Set.of("/health", "/metrics");

    private final byte[] expected;
    private final boolean healthAndMetricsOpen;

    ApiAuth(String token, boolean healthAndMetricsOpen) {
        this.expected = digest(token);
        this.healthAndMetricsOpen = healthAndMetricsOpen;
    }

    void check(Context ctx) {
        if (healthAndMetricsOpen && HEALTH_AND_METRICS.contains(ctx.path())) {
            return;
        }
        if ("/".equals(ctx.path()) && ctx.queryParam("token") != null && matches(ctx.queryParam("token"))) {
            Cookie cookie = new Cookie(COOKIE, ctx.queryParam("token"));
            cookie.setHttpOnly(true);
            cookie.setSameSite(SameSite.STRICT);
            cookie.setPath("/");
            ctx.cookie(cookie);
            ctx.redirect("/");
            ctx.skipRemainingHandlers();
            return;
        }
        String header = ctx.header("Authorization");
        String presented = header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)
                ? header.substring(7).strip()
                : ctx.cookie(COOKIE);
        if (presented == null || !matches(presented)) {
            throw new UnauthorizedResponse(
                    "missing or wrong bearer token: send 'Authorization: Bearer <token>' (the server's CFN_API_TOKEN, else its <home>/api-token)");
        }
    }

    private boolean matches(String presented) {
        return MessageDigest.isEqual(expected, digest(presented));
    }

    private static byte[] digest(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
