package dev.cfn.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cfn.CfnException;
import dev.cfn.testing.DbDump;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MigrationsTest {
    @TempDir
    Path dir;

    private final List<Migration> available = new Migrations(Dialect.SQLITE).available();

    @Test
    void the_shipped_migrations_are_numbered_from_1_without_gaps_and_described() {
        assertThat(available).isNotEmpty();
        for (int i = 0; i < available.size(); i++) {
            assertThat(available.get(i).version()).isEqualTo(i + 1);
            assertThat(available.get(i).description()).isNotBlank().doesNotStartWith("--");
        }
        assertThat(available.get(0).description())
                .isEqualTo("skills registry: skills, immutable versions, approvals, agent mappings, usage log");
    }

    @Test
    void each_dialects_migrations_list_names_exactly_its_sql_files_in_order() throws Exception {
        for (Dialect dialect : Dialect.values()) {
            Path folder = Path.of("src/main/resources").resolve(dialect.migrationFolder());
            List<String> files;
            try (var stream = java.nio.file.Files.list(folder)) {
                files = stream.map(p -> p.getFileName().toString())
                        .filter(n -> n.endsWith(".sql"))
                        .sorted(java.util.Comparator.comparingInt(n -> Integer.parseInt(n.replaceAll("\\D", ""))))
                        .toList();
            }
            assertThat(java.nio.file.Files.readAllLines(folder.resolve(Migrations.LIST)))
                    .as(folder.resolve(Migrations.LIST) + ": a new migration must be listed there")
                    .containsExactlyElementsOf(files);
            assertThat(new Migrations(dialect).available()).hasSize(files.size());
        }
    }

    @Test
    void opening_a_new_file_applies_every_migration_once_and_records_it() {
        try (SqliteDatabase db = SqliteDatabase.open(dir.resolve("cfn.db"))) {
            assertThat(versions(db))
                    .isEqualTo(
                            IntStream.rangeClosed(1, available.size()).boxed().toList());
            assertThat(tables(db))
                    .contains(
                            "skills",
                            "skill_versions",
                            "approval_history",
                            "agent_skill_mappings",
                            "skill_usage_log",
                            "change_epochs",
                            "schema_version");
            long epochs = db.read(sql -> sql.count("SELECT COUNT(*) FROM change_epochs"));
            assertThat(epochs).isGreaterThanOrEqualTo(2);
        }
    }

    @Test
    void reopening_applies_nothing_again_and_keeps_the_data() {
        Path file = dir.resolve("cfn.db");
        try (SqliteDatabase db = SqliteDatabase.open(file)) {
            db.write(sql -> sql.update("UPDATE change_epochs SET epoch = 41 WHERE name = 'skills'"));
        }
        Map<String, List<List<Object>>> before = DbDump.ofFile(file);

        try (SqliteDatabase db = SqliteDatabase.open(file)) {
            int current = db.read(Migrations::currentVersion);
            assertThat(current).isEqualTo(available.size());
        }

        assertThat(DbDump.ofFile(file)).isEqualTo(before);
        assertThat(before.get("schema_version")).hasSize(available.size());
    }

    @Test
    void after_a_version_come_exactly_the_later_migrations() {
        for (Dialect dialect : Dialect.values()) {
            List<Migration> all = new Migrations(dialect).available();
            assertThat(new Migrations(dialect).count()).isEqualTo(all.size());
            for (int version = 0; version <= all.size() + 1; version++) {
                assertThat(new Migrations(dialect).after(version))
                        .as(dialect + " after V" + version)
                        .isEqualTo(all.subList(Math.min(version, all.size()), all.size()));
            }
        }
    }

    @Test
    void opening_a_file_at_an_older_version_applies_only_the_later_migrations() throws Exception {
        Path file = dir.resolve("old.db");
        try (Sql sql = new Sql(java.sql.DriverManager.getConnection("jdbc:sqlite:" + file))) {
            assertThat(Migrations.currentVersion(sql)).isZero();
            Migrations.apply(sql, available.get(0));
        }

        try (SqliteDatabase db = SqliteDatabase.open(file)) {
            assertThat(versions(db))
                    .isEqualTo(
                            IntStream.rangeClosed(1, available.size()).boxed().toList());
            assertThat(tables(db)).contains("skills", "loop_runs");
        }
    }

    @Test
    void several_processes_opening_a_new_file_at_once_migrate_it_exactly_once() throws Exception {
        Path file = dir.resolve("race.db");
        var pool = Executors.newFixedThreadPool(4);
        try {
            List<CompletableFuture<List<Integer>>> opens = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                opens.add(CompletableFuture.supplyAsync(
                        () -> {
                            try (SqliteDatabase db = SqliteDatabase.open(file)) {
                                return versions(db);
                            }
                        },
                        pool));
            }
            for (var open : opens) {
                assertThat(open.get()).hasSize(available.size());
            }
        } finally {
            pool.shutdown();
        }
        assertThat(DbDump.ofFile(file).get("schema_version")).hasSize(available.size());
    }

    @Test
    void a_failing_migration_rolls_back_entirely_and_is_not_recorded() {
        try (SqliteDatabase db = SqliteDatabase.open(dir.resolve("cfn.db"))) {
            Migration broken = Migration.of(
                    available.size() + 1,
                    "-- a broken change\nCREATE TABLE half_done (x INTEGER);\n"
                            + "INSERT INTO half_done VALUES (1);\nINSERT INTO no_such_table VALUES (1);\n");
            var before = DbDump.of(db);

            assertThatThrownBy(() -> db.write(sql -> {
                        Migrations.apply(sql, broken);
                        return null;
                    }))
                    .isInstanceOf(CfnException.class)
                    .hasMessageContaining("no such table: no_such_table");

            assertThat(tables(db)).doesNotContain("half_done");
            assertThat(DbDump.of(db)).isEqualTo(before);
            int current = db.read(Migrations::currentVersion);
            assertThat(current).isEqualTo(available.size());
        }
    }

    @Test
    void a_script_splits_at_line_ending_semicolons_and_keeps_a_trigger_body_whole() {
        List<String> statements = Migration.split("""
                -- comment before
                CREATE TABLE a (x INTEGER);

                CREATE TRIGGER t BEFORE UPDATE ON a
                BEGIN
                    SELECT RAISE(ABORT, 'no; never');
                    SELECT 1;
                END;
                INSERT INTO a VALUES (1);
                """);

        assertThat(statements)
                .containsExactly(
                        "CREATE TABLE a (x INTEGER);",
                        "CREATE TRIGGER t BEFORE UPDATE ON a\nBEGIN\n    SELECT RAISE(ABORT, 'no; never');\n"
                                + "    SELECT 1;\nEND;",
                        "INSERT INTO a VALUES (1);");
        assertThat(available.get(0).statements())
                .filteredOn(s -> s.startsWith("CREATE TRIGGER"))
                .singleElement()
                .satisfies(s -> assertThat(s).endsWith("END;"));
    }

    private static List<Integer> versions(Database db) {
        return db.read(sql -> sql.query("SELECT version FROM schema_version ORDER BY version", r -> r.getInt(1)));
    }

    private static List<String> tables(Database db) {
        return db.read(sql -> sql.query("SELECT name FROM sqlite_master WHERE type = 'table'", r -> r.getString(1)));
    }
}
