package dev.cfn.http;

import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.SameSite;
import io.javalin.http.UnauthorizedResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The bearer-token check run before every request when a token is set ({@code CFN_API_TOKEN}):
 * {@code Authorization: Bearer <token>}, or the {@value #COOKIE} cookie the dashboard gets by being
 * opened once as {@code /?token=<token>} (a browser's EventSource cannot send headers). Compared in
 * constant time (SHA-256 digests with {@link MessageDigest#isEqual}, so not even the length leaks).
 */
final class ApiAuth {
    static final String COOKIE = "cfn_token";

    private final byte[] expected;

    ApiAuth(String token) {
        this.expected = digest(token);
    }

    void check(Context ctx) {
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
                    "missing or wrong bearer token: send 'Authorization: Bearer <CFN_API_TOKEN>'");
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
