package dev.cfn.cli.db;

import dev.cfn.InvalidInputException;
import dev.cfn.bench.Samples;
import dev.cfn.cli.CfnSubcommand;
import dev.cfn.skills.DeployRequest;
import dev.cfn.skills.Mapping;
import dev.cfn.skills.SkillRegistry;
import dev.cfn.skills.file.SkillFile;
import dev.cfn.store.Database;
import dev.cfn.store.PostgresDatabase;
import dev.cfn.store.PostgresUrl;
import dev.cfn.store.SqliteDatabase;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
        name = "bench-update",
        description = {
            "Skill update latency (version + approval + re-deploy, one transaction) on PostgreSQL and"
                    + " SQLite in one run.",
            "",
            "Alternates the two databases update by update; prints p50/p95/p99 and the p50 ratio."
                    + " PostgreSQL: --db (default jdbc:postgresql://127.0.0.1:5432/test) in a fresh schema,"
                    + " dropped after; SQLite: a file in a temporary folder, deleted after."
        },
        footer = {"", "Example: cfn db bench-update --updates 500 --json"})
public final class DbBenchUpdateCommand extends CfnSubcommand {
    static final String DEFAULT_URL = "jdbc:postgresql://127.0.0.1:5432/test";
    private static final String SKILL = "bench-update";

    @Option(names = "--updates", paramLabel = "N", defaultValue = "300", description = "Measured updates per database.")
    int updates;

    @Option(names = "--warmup", paramLabel = "N", defaultValue = "50", description = "Unmeasured updates first.")
    int warmup;

    @Override
    protected void execute() throws IOException {
        if (updates < 1 || updates > 100_000 || warmup < 0 || warmup > 100_000) {
            throw new InvalidInputException(
                    "--updates must be 1 to 100000 and --warmup 0 to 100000, but were " + updates + " and " + warmup);
        }
        String given = ctx().settings().dbUrl().orElse(DEFAULT_URL);
        String schema =
                "cfn_bench_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        PostgresUrl url = PostgresUrl.parse(given).withSchema(schema);
        Path dir = Files.createTempDirectory("cfn-bench-update");
        Samples pg = new Samples(updates);
        Samples sqlite = new Samples(updates);
        try (PostgresDatabase pgDb = PostgresDatabase.open(url, 2);
                SqliteDatabase sqliteDb = SqliteDatabase.open(dir.resolve("cfn.db"))) {
            try {
                measure(pgDb, sqliteDb, pg, sqlite);
            } finally {
                pgDb.outsideTransaction(sql -> {
                    sql.execute("DROP SCHEMA " + schema + " CASCADE");
                    return null;
                });
            }
        } finally {
            deleteTree(dir);
        }
        print(url.redacted(), pg, sqlite);
    }

    /** Alternates the two databases update by update, so machine noise hits both alike. */
    private void measure(Database pgDb, Database sqliteDb, Samples pg, Samples sqlite) {
        SkillRegistry pgRegistry = prepare(pgDb);
        SkillRegistry sqliteRegistry = prepare(sqliteDb);
        for (int i = 1; i <= warmup + updates; i++) {
            SkillFile file = file(i);
            long pgNanos = timeUpdate(pgRegistry, file);
            long sqliteNanos = timeUpdate(sqliteRegistry, file);
            if (i > warmup) {
                pg.add(pgNanos);
                sqlite.add(sqliteNanos);
            }
        }
    }

    private SkillRegistry prepare(Database db) {
        SkillRegistry registry = new SkillRegistry(db, ctx().clock());
        registry.propose(List.of(file(0)), null, false);
        registry.deploy(new DeployRequest(
                SKILL, null, List.of("coder", "tester", "reviewer"), 3, false, Mapping.Conditions.NONE, false));
        return registry;
    }

    private static long timeUpdate(SkillRegistry registry, SkillFile file) {
        long start = System.nanoTime();
        registry.update(SKILL, file, null, null);
        return System.nanoTime() - start;
    }

    private SkillFile file(int n) {
        String text = "---\nname: " + SKILL + "\ndescription: Update latency benchmark skill.\nversion: 1.0." + n
                + "\ncategory: testing\n---\n\n# Revision " + n + "\n\n" + "Guidance text. ".repeat(60) + "\n";
        return new dev.cfn.skills.file.SkillFileParser()
                .parse(Path.of(SKILL, "SKILL.md"), text.getBytes(StandardCharsets.UTF_8), SKILL);
    }

    private void print(String target, Samples pg, Samples sqlite) {
        double ratio = pg.percentileMicros(50) / sqlite.percentileMicros(50);
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("postgresql", target);
        doc.put("updates", updates);
        doc.put("warmup", warmup);
        doc.put("postgresql_update", summary(pg));
        doc.put("sqlite_update", summary(sqlite));
        doc.put("p50_ratio_postgresql_to_sqlite", Math.round(ratio * 100) / 100.0);
        out().print(doc, () -> {
            out().line("skill update latency, " + updates + " updates each after " + warmup + " warm-up, alternating");
            out().line(row("postgresql", pg));
            out().line(row("sqlite", sqlite));
            out().line(String.format(Locale.ROOT, "p50 ratio postgresql/sqlite: %.2f", ratio));
        });
    }

    private static Map<String, Object> summary(Samples s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("samples", s.count());
        m.put("p50_us", tenths(s.percentileMicros(50)));
        m.put("p95_us", tenths(s.percentileMicros(95)));
        m.put("p99_us", tenths(s.percentileMicros(99)));
        m.put("mean_us", tenths(s.mean() / 1e3));
        return m;
    }

    private static double tenths(double micros) {
        return Math.round(micros * 10) / 10.0;
    }

    private static String row(String name, Samples s) {
        return String.format(
                Locale.ROOT,
                "%-10s p50 %8.1f us  p95 %8.1f us  p99 %8.1f us  mean %8.1f us",
                name,
                s.percentileMicros(50),
                s.percentileMicros(95),
                s.percentileMicros(99),
                s.mean() / 1e3);
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
