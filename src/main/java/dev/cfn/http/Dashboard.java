package dev.cfn.http;

import io.javalin.config.RoutesConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * {@code GET /}: the dashboard, one static page (HTML, vanilla JS, inline SVG charts; nothing from
 * the network) that reads the JSON API and follows a selected loop's events with an EventSource.
 */
final class Dashboard {
    static final String RESOURCE = "/dev/cfn/http/dashboard.html";

    private final String html;

    Dashboard() {
        try (InputStream in = Dashboard.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the jar lacks " + RESOURCE);
            }
            this.html = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void register(RoutesConfig routes) {
        routes.get("/", ctx -> ctx.header("Cache-Control", "no-store").html(html));
    }
}
