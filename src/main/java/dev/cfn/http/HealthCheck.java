package dev.cfn.http;

import java.util.LinkedHashMap;
import java.util.Map;

/** {@code /health}: the database answers, and Redis when configured. */
final class HealthCheck {
    private final Services services;

    HealthCheck(Services services) {
        this.services = services;
    }

    /** Each part ("database", "redis") mapped to "ok" or the one-line reason it failed. */
    Map<String, String> run() {
        Map<String, String> parts = new LinkedHashMap<>();
        parts.put("database", check(() -> services.database().read(sql -> sql.count("SELECT 1"))));
        services.redisPing().ifPresent(ping -> parts.put("redis", check(ping)));
        return parts;
    }

    static boolean healthy(Map<String, String> parts) {
        return parts.values().stream().allMatch("ok"::equals);
    }

    private static String check(Runnable probe) {
        try {
            probe.run();
            return "ok";
        } catch (RuntimeException e) {
            return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        }
    }
}
