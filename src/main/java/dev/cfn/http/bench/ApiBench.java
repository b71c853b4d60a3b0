package dev.cfn.http.bench;

import dev.cfn.CfnException;
import dev.cfn.config.Settings;
import dev.cfn.http.ApiToken;
import dev.cfn.skills.DeployRequest;
import dev.cfn.skills.Mapping;
import dev.cfn.skills.SkillRegistry;
import dev.cfn.skills.bench.SkillText;
import dev.cfn.skills.file.Category;
import dev.cfn.skills.file.SkillFile;
import dev.cfn.store.Database;
import dev.cfn.store.Databases;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code cfn serve bench}: seeds a temporary home (200 skills, {@value #AGENT_SKILLS} of them
 * deployed to the agent type measured), starts {@code cfn serve --port 0} on it as a child JVM, warms
 * it up, then drives {@code GET /api/agents/{type}/skills} at a fixed rate from this process and
 * reports the achieved rate, p50/p99/p99.9/max and errors against the target p99, beside the same
 * figures for a static page measured right after (the machine's floor at that moment).
 */
public final class ApiBench {
    public static final String AGENT = "bench-agent";
    public static final String PATH = "/api/agents/" + AGENT + "/skills";
    public static final double TARGET_P99_MS = 2.0;
    /** A static page (no database, no JSON), measured the same way as a baseline. */
    public static final String BASELINE = "/";

    static final int SKILLS = 200;
    static final int AGENT_SKILLS = 5;
    private static final Pattern URL = Pattern.compile("listening on http://([^:]+):(\\d+)");

    /** How to run it: the rate (requests/s), the measured and warm-up durations, the connections. */
    public record Plan(int rate, Duration measure, Duration warmup, int connections) {}

    private ApiBench() {}

    /** Runs the whole benchmark; {@code jar} is the cfn jar the server child runs. */
    public static Map<String, Object> run(Plan plan, Path jar) throws Exception {
        Path home = Files.createTempDirectory("cfn-serve-bench");
        try {
            seed(home);
            Process server = startServer(jar, home);
            try {
                // the server made the home's token before it printed its URL
                Target target = new Target("127.0.0.1", port(server, home), ApiToken.read(home));
                OpenLoad.run(target, PATH, plan.rate(), plan.warmup(), plan.connections());
                OpenLoad.Result r = OpenLoad.run(target, PATH, plan.rate(), plan.measure(), plan.connections());
                // The same schedule on the static dashboard page right after: the floor of this machine
                // and framework at that moment, so a noisy machine shows as noise, not as the endpoint.
                OpenLoad.Result floor = OpenLoad.run(target, BASELINE, plan.rate(), plan.measure(), plan.connections());
                return report(plan, r, floor);
            } finally {
                server.destroy();
                if (!server.waitFor(30, TimeUnit.SECONDS)) {
                    server.destroyForcibly();
                }
            }
        } finally {
            deleteTree(home);
        }
    }

    static void seed(Path home) {
        try (Database db = Databases.open(Settings.embedded(home))) {
            SkillRegistry registry = new SkillRegistry(db, Clock.systemUTC());
            List<SkillFile> files = new ArrayList<>();
            for (int i = 0; i < SKILLS; i++) {
                String name = String.format("bench-skill-%03d", i);
                byte[] text = SkillText.of(name, "1.0.0", Category.TESTING, i).getBytes(StandardCharsets.UTF_8);
                files.add(registry.parser().parse(Path.of(name, "SKILL.md"), text, name));
            }
            registry.propose(files, null, false);
            for (int i = 0; i < AGENT_SKILLS; i++) {
                registry.deploy(new DeployRequest(
                        files.get(i * 7).name(), null, List.of(AGENT), 1 + i, i == 0, Mapping.Conditions.NONE, false));
            }
        }
    }

    private static Process startServer(Path jar, Path home) throws IOException {
        List<String> command = List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED",
                "-XX:+UseParallelGC", // as bin/cfn runs cfn serve
                "-jar",
                jar.toString(),
                "--home",
                home.toString(),
                "serve",
                "--port",
                "0");
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectOutput(home.resolve("serve.out").toFile())
                .redirectError(home.resolve("serve.err").toFile());
        builder.environment().remove("CFN_API_TOKEN"); // the server uses its home's token, which this process reads
        return builder.start();
    }

    private static int port(Process server, Path home) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            Matcher m = URL.matcher(Files.readString(home.resolve("serve.out")));
            if (m.find()) {
                return Integer.parseInt(m.group(2));
            }
            if (server.waitFor(50, TimeUnit.MILLISECONDS)) {
                throw new CfnException("cfn serve exited " + server.exitValue() + ": "
                        + Files.readString(home.resolve("serve.err")).strip());
            }
        }
        throw new CfnException("cfn serve did not print its URL within 60 s");
    }

    private static Map<String, Object> report(Plan plan, OpenLoad.Result r, OpenLoad.Result floor) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("endpoint", "GET " + PATH + " (" + AGENT_SKILLS + " skills with content)");
        m.put("target_rate_per_s", plan.rate());
        m.put("achieved_rate_per_s", Math.round(r.achievedRate() * 10) / 10.0);
        m.put("duration_s", plan.measure().toSeconds());
        m.put("connections", plan.connections());
        m.put("requests", r.latencies().count());
        m.put("errors", r.errors());
        m.put("p50_ms", ms(r.latencies().p50()));
        m.put("p99_ms", ms(r.latencies().p99()));
        m.put("p999_ms", ms(r.latencies().percentile(99.9)));
        m.put("max_ms", ms(r.latencies().max()));
        m.put("service_p50_ms", ms(r.service().p50()));
        m.put("service_p99_ms", ms(r.service().p99()));
        m.put("target_p99_ms", TARGET_P99_MS);
        m.put("baseline", "GET " + BASELINE + " (static page), same rate, measured right after");
        m.put("baseline_achieved_rate_per_s", Math.round(floor.achievedRate() * 10) / 10.0);
        m.put("baseline_errors", floor.errors());
        m.put("baseline_p50_ms", ms(floor.latencies().p50()));
        m.put("baseline_p99_ms", ms(floor.latencies().p99()));
        m.put("baseline_max_ms", ms(floor.latencies().max()));
        boolean rateMet = r.achievedRate() >= plan.rate() * 0.98;
        m.put("result", r.errors() == 0 && rateMet && ms(r.latencies().p99()) <= TARGET_P99_MS ? "PASS" : "FAIL");
        return m;
    }

    private static double ms(long nanos) {
        return Math.round(nanos / 1_000.0) / 1_000.0;
    }

    private static void deleteTree(Path dir) throws IOException {
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
