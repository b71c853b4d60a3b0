package dev.cfn.store;

import dev.cfn.skills.DeployRequest;
import dev.cfn.skills.Mapping;
import dev.cfn.skills.SkillRegistry;
import dev.cfn.skills.file.SkillFile;
import dev.cfn.skills.file.SkillFileParser;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Fills an SQLite home with benchmark-shaped data through the real registry: N skills (every fifth
 * with a second version), each deployed to two of ten agent types, and M usage rows over 30 days.
 * Seeded, so every run builds the same data. Run it directly for the migration benchmark:
 * {@code java -cp target/test-classes:target/cfn.jar dev.cfn.store.BenchHomeGenerator HOME 1000 50000}.
 */
public final class BenchHomeGenerator {
    private static final String[] CATEGORIES = {"testing", "foundation", "coordination", "domain", "infrastructure"};
    private static final int AGENT_TYPES = 10;
    private static final long DAY_MS = 86_400_000L;

    private final SkillFileParser parser = new SkillFileParser();

    public static void main(String[] args) {
        Path home = Path.of(args[0]);
        int skills = Integer.parseInt(args[1]);
        int usage = Integer.parseInt(args[2]);
        long start = System.nanoTime();
        new BenchHomeGenerator().generate(home.resolve("cfn.db"), skills, usage, 42);
        System.out.printf(
                "generated %d skills and %d usage rows in %s in %.1f s%n",
                skills, usage, home, (System.nanoTime() - start) / 1e9);
    }

    /** Creates the database file and fills it; the file must not exist yet. */
    public void generate(Path dbFile, int skills, int usageRows, long seed) {
        try (SqliteDatabase db = SqliteDatabase.open(dbFile)) {
            SkillRegistry registry = new SkillRegistry(db, Clock.systemUTC());
            List<SkillFile> first = new ArrayList<>();
            List<SkillFile> second = new ArrayList<>();
            for (int i = 1; i <= skills; i++) {
                first.add(file(i, "1.0.0"));
                if (i % 5 == 0) {
                    second.add(file(i, "1.1.0"));
                }
            }
            registry.propose(first, "generator@bench", false);
            registry.propose(second, "generator@bench", false);
            for (int i = 1; i <= skills; i++) {
                List<String> agents = List.of("agent-" + (i % AGENT_TYPES), "agent-" + ((i + 3) % AGENT_TYPES));
                registry.deploy(new DeployRequest(
                        name(i), null, agents, 1 + i % 10, i % 7 == 0, Mapping.Conditions.NONE, false));
            }
            insertUsage(db, skills, usageRows, new Random(seed));
        }
    }

    private void insertUsage(SqliteDatabase db, int skills, int rows, Random random) {
        String insert = "INSERT INTO skill_usage_log (agent_id, agent_type, skill_id, skill_version, task_id, phase,"
                + " exit_code, duration_ms, confidence_before, confidence_after, created_ms)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
        long now = System.currentTimeMillis();
        db.write(sql -> {
            for (int i = 0; i < rows; i++) {
                int skill = 1 + random.nextInt(skills);
                double before = Math.round(random.nextDouble() * 100) / 100.0;
                sql.addBatch(
                        insert,
                        "agent-" + (i % 97),
                        "agent-" + (skill % AGENT_TYPES),
                        skill,
                        skill % 5 == 0 ? "1.1.0" : "1.0.0",
                        "task-" + (i / 10),
                        "loop" + (1 + i % 3),
                        random.nextInt(10) == 0 ? 1 : 0,
                        (long) random.nextInt(120_000),
                        before,
                        Math.min(1.0, before + random.nextDouble() * 0.2),
                        now - random.nextLong(30 * DAY_MS));
                if (i % 5_000 == 4_999) {
                    sql.executeBatch(insert);
                }
            }
            sql.executeBatch(insert);
            ChangeEpochs.bump(sql, ChangeEpochs.USAGE);
            return null;
        });
    }

    private SkillFile file(int i, String version) {
        String name = name(i);
        String text = "---\nname: " + name + "\ndescription: Benchmark skill number " + i + " for migration runs.\n"
                + "version: " + version + "\ncategory: " + CATEGORIES[i % CATEGORIES.length] + "\nteam: bench\n---\n\n"
                + "# " + name + " " + version + "\n\n"
                + ("Step " + i + ": follow the checklist and report. ").repeat(30)
                + "\n";
        return parser.parse(Path.of(name, "SKILL.md"), text.getBytes(StandardCharsets.UTF_8), name);
    }

    private static String name(int i) {
        return String.format("skill-%04d", i);
    }
}
