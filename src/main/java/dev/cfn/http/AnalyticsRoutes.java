package dev.cfn.http;

import dev.cfn.InvalidInputException;
import dev.cfn.skills.analytics.Report;
import dev.cfn.skills.analytics.SkillAnalytics;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code GET /api/analytics/{report}?days=N}: the reports of {@code cfn analytics}, same shape. */
final class AnalyticsRoutes {
    private final Services services;

    AnalyticsRoutes(Services services) {
        this.services = services;
    }

    void register(RoutesConfig routes) {
        routes.get("/api/analytics/{report}", this::report);
    }

    private void report(Context ctx) {
        String name = ctx.pathParam("report");
        if (!SkillAnalytics.REPORTS.contains(name)) {
            throw new InvalidInputException(
                    "report must be one of " + String.join(", ", SkillAnalytics.REPORTS) + ", but was '" + name + "'");
        }
        Report r = services.analytics().report(name, Params.intParam(ctx, "days", 30));
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("report", r.name());
        doc.put("days", r.days());
        doc.put("rows", r.rows());
        doc.put("summary", r.summary());
        ctx.json(doc);
    }
}
