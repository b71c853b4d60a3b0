package dev.cfn.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cfn.store.BenchHomeGenerator;
import dev.cfn.store.PgSchema;
import dev.cfn.store.SqliteDatabase;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code cfn db migrate} as a real process, from a generated SQLite home to a fresh schema. */
class DbMigrateIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> TABLES = List.of(
            "skills",
            "skill_versions",
            "approval_history",
            "agent_skill_mappings",
            "skill_usage_log",
            "change_epochs",
            "loop_runs",
            "loop_iterations",
            "agent_results",
            "loop_decisions");

    @TempDir
    Path dir;

    private PgSchema schema;
    private Path home;

    @BeforeEach
    void setUp() {
        schema = PgSchema.create("cfn_migrate_it");
        home = dir.resolve("home");
    }

    @AfterEach
    void dropSchema() throws Exception {
        schema.close();
    }

    @Test
    void copies_every_table_with_ids_kept_and_verifies_it() throws Exception {
        generate(40, 2_000);
        addLoopRun();

        JsonNode result = json(cfn("--home", home.toString(), "db", "migrate", "--to", url(), "--json"));

        assertThat(result.get("mode").asText()).isEqualTo("fresh");
        assertThat(result.get("verified").asBoolean()).isTrue();
        assertThat(result.get("versions_verified").asLong()).isEqualTo(48);
        for (String table : TABLES) {
            assertThat(schema.count("SELECT COUNT(*) FROM " + table))
                    .as(table)
                    .isEqualTo(sqliteCount(table))
                    .isEqualTo(result.get("tables").get(table).asLong());
        }
        assertThat(schema.count("SELECT COUNT(*) FROM agent_results")).isEqualTo(1);
        String load = cfn("--home", home.toString(), "skill", "load", "--agent", "agent-3", "--json")
                .out();
        assertThat(cfn("--db", url(), "skill", "load", "--agent", "agent-3", "--json")
                        .out())
                .isEqualTo(load);
        assertThat(cfn("--db", url(), "db", "check").exit()).isZero();
    }

    @Test
    void rows_written_after_a_migration_get_ids_after_the_copied_ones() throws Exception {
        generate(10, 100);
        cfn("--home", home.toString(), "db", "migrate", "--to", url());

        Path file = dir.resolve("new-skill/SKILL.md");
        java.nio.file.Files.createDirectories(file.getParent());
        java.nio.file.Files.writeString(file, "---\nname: new-skill\ndescription: N.\ncategory: testing\n---\nx\n");
        assertThat(cfn("--db", url(), "skill", "propose", file.toString()).exit())
                .isZero();

        assertThat(schema.count("SELECT id FROM skills WHERE name = 'new-skill'"))
                .isEqualTo(11);
        assertThat(schema.count("SELECT id FROM skill_versions v WHERE skill_id = 11"))
                .isEqualTo(13);
    }

    @Test
    void a_target_holding_data_is_refused_with_exit_4_unless_force_replaces_it() throws Exception {
        generate(10, 100);
        cfn("--home", home.toString(), "db", "migrate", "--to", url());
        schema.execute("DELETE FROM skill_usage_log WHERE id <= 10");

        var refused = cfn("--home", home.toString(), "db", "migrate", "--to", url());

        assertThat(refused.exit()).isEqualTo(4);
        assertThat(refused.err())
                .isEqualTo("cfn: target " + schema.url().redacted() + " already holds 144 rows {skills=10,"
                        + " skill_versions=12, approval_history=12, agent_skill_mappings=20, skill_usage_log=90};"
                        + " pass --force to replace them\n");
        assertThat(schema.count("SELECT COUNT(*) FROM skill_usage_log")).isEqualTo(90);

        JsonNode forced = json(cfn("--home", home.toString(), "db", "migrate", "--to", url(), "--force", "--json"));

        assertThat(forced.get("mode").asText()).isEqualTo("replaced");
        assertThat(forced.get("verified").asBoolean()).isTrue();
        assertThat(schema.count("SELECT COUNT(*) FROM skill_usage_log")).isEqualTo(100);
    }

    @Test
    void a_migration_killed_mid_way_completes_when_run_again() throws Exception {
        generate(100, 20_000);
        CfnProcess first = CfnProcess.start(
                dir.resolve("logs"), "--home", home.toString(), "db", "migrate", "--to", url(), "--batch-size", "50");
        await().atMost(Duration.ofMinutes(2))
                .pollInterval(Duration.ofMillis(10))
                .ignoreExceptions() // the schema appears once the process has migrated it
                .until(() -> schema.count("SELECT COUNT(*) FROM skill_usage_log") > 0);
        first.kill();
        long copiedBeforeKill = schema.count("SELECT COUNT(*) FROM skill_usage_log");
        assertThat(copiedBeforeKill).as("killed mid-way").isBetween(1L, 19_999L);

        JsonNode second = json(cfn("--home", home.toString(), "db", "migrate", "--to", url(), "--json"));

        assertThat(second.get("mode").asText()).isEqualTo("resumed");
        assertThat(second.get("verified").asBoolean()).isTrue();
        assertThat(second.get("rows_sent").asLong())
                .isLessThan(second.get("rows").asLong());
        assertThat(schema.count("SELECT COUNT(*) FROM skill_usage_log")).isEqualTo(20_000);
        assertThat(schema.count("SELECT COUNT(*) FROM migrated_from WHERE finished_ms IS NOT NULL"))
                .isEqualTo(1);
    }

    @Test
    void bad_input_is_refused_before_anything_is_copied() throws Exception {
        var noHome = cfn("--home", home.toString(), "db", "migrate", "--to", url());
        assertThat(noHome.exit()).isEqualTo(3);
        assertThat(noHome.err())
                .isEqualTo("cfn: no SQLite database at " + home.resolve("cfn.db") + " to migrate (see --home)\n");

        generate(1, 1);
        var wrongScheme = cfn("--home", home.toString(), "db", "migrate", "--to", "jdbc:mysql://h/db");
        assertThat(wrongScheme.exit()).isEqualTo(2);
        assertThat(wrongScheme.err())
                .isEqualTo("cfn: --db jdbc:mysql://h/db must be a URL like jdbc:postgresql://host:5432/database\n");
        var badBatch = cfn("--home", home.toString(), "db", "migrate", "--to", url(), "--batch-size", "0");
        assertThat(badBatch.exit()).isEqualTo(2);
        assertThat(badBatch.err()).isEqualTo("cfn: --batch-size must be 1 to 100000, but was 0\n");
    }

    private void generate(int skills, int usage) {
        new BenchHomeGenerator().generate(home.resolve("cfn.db"), skills, usage, 7);
    }

    private void addLoopRun() {
        try (SqliteDatabase db = SqliteDatabase.open(home.resolve("cfn.db"))) {
            db.write(sql -> {
                sql.update("INSERT INTO loop_runs (id, task, mode, settings, baseline, status, iterations, created_ms,"
                        + " updated_ms) VALUES ('run-1', 'task', 'standard', '{}', '{}', 'success', 1, 1, 2)");
                sql.update("INSERT INTO loop_iterations (run_id, iteration, gate_score, gate_passed, started_ms)"
                        + " VALUES ('run-1', 1, 0.9, 1, 1)");
                sql.update("INSERT INTO agent_results (run_id, iteration, agent_id, agent_type, loop, status,"
                        + " confidence, duration_ms, created_ms) VALUES ('run-1', 1, 'coder-1', 'coder', 'loop3',"
                        + " 'ok', 0.9, 12, 1)");
                return sql.update("INSERT INTO loop_decisions (run_id, iteration, decision, source, reason,"
                        + " created_ms) VALUES ('run-1', 1, 'PROCEED', 'product-owner', 'done', 2)");
            });
        }
    }

    private long sqliteCount(String table) {
        try (SqliteDatabase db = SqliteDatabase.open(home.resolve("cfn.db"))) {
            return db.read(sql -> sql.count("SELECT COUNT(*) FROM " + table));
        }
    }

    private String url() {
        return schema.url().url();
    }

    private CfnProcess.Result cfn(String... args) throws Exception {
        return CfnProcess.run(dir.resolve("logs"), new ArrayList<>(List.of(args)).toArray(String[]::new));
    }

    private static JsonNode json(CfnProcess.Result result) throws Exception {
        assertThat(result.exit()).as(result.err()).isZero();
        return JSON.readTree(result.out());
    }
}
