package dev.cfn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cfn.store.PgSchema;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How the real program picks and reports its database: --db, CFN_DB_URL, bad and unreachable URLs. */
class PostgresCliIT {
    @TempDir
    Path dir;

    @Test
    void cfn_db_url_in_the_environment_selects_postgresql() throws Exception {
        try (PgSchema schema = PgSchema.create("cfn_cli_it")) {
            var result = CfnProcess.start(
                            dir, Map.of("CFN_DB_URL", schema.url().url()), "--home", dir.toString(), "init", "--json")
                    .await();

            assertThat(result.exit()).as(result.err()).isZero();
            JsonNode doc = new ObjectMapper().readTree(result.out());
            assertThat(doc.get("dialect").asText()).isEqualTo("postgresql");
            assertThat(doc.get("database").asText()).isEqualTo(schema.url().redacted());
            assertThat(schema.count("SELECT COUNT(*) FROM schema_version"))
                    .isEqualTo(new dev.cfn.store.Migrations(dev.cfn.store.Dialect.POSTGRESQL)
                            .available()
                            .size());
        }
    }

    @Test
    void an_unreachable_database_is_exit_1_with_one_line_and_no_password() throws Exception {
        var result = CfnProcess.run(
                dir,
                "--home",
                dir.toString(),
                "--db",
                "jdbc:postgresql://127.0.0.1:1/test?password=hunter2",
                "skill",
                "list");

        assertThat(result.exit()).isEqualTo(1);
        assertThat(result.err())
                .isEqualTo("cfn: database jdbc:postgresql://127.0.0.1:1/test?password=*** is unavailable:"
                        + " Connection to 127.0.0.1:1 refused.\n");
        assertThat(result.out()).isEmpty();
    }

    @Test
    void a_database_url_of_another_kind_is_exit_2() throws Exception {
        var result = CfnProcess.run(dir, "--home", dir.toString(), "--db", "jdbc:mysql://h/db", "skill", "list");

        assertThat(result.exit()).isEqualTo(2);
        assertThat(result.err())
                .isEqualTo("cfn: --db jdbc:mysql://h/db must be a jdbc:postgresql://host:port/database or"
                        + " jdbc:sqlite:FILE URL\n");
    }

    @Test
    void bench_update_measures_both_databases_and_drops_its_schema() throws Exception {
        var result = CfnProcess.run(
                dir, "--db", PgSchema.BASE_URL, "db", "bench-update", "--updates", "5", "--warmup", "1", "--json");

        assertThat(result.exit()).as(result.err()).isZero();
        JsonNode doc = new ObjectMapper().readTree(result.out());
        assertThat(doc.get("postgresql_update").get("samples").asInt()).isEqualTo(5);
        assertThat(doc.get("sqlite_update").get("samples").asInt()).isEqualTo(5);
        assertThat(doc.get("p50_ratio_postgresql_to_sqlite").asDouble()).isPositive();
        String schema = doc.get("postgresql").asText().replaceAll(".*currentSchema=(\\w+).*", "$1");
        assertThat(schema).startsWith("cfn_bench_");
        try (PgSchema probe = PgSchema.create("cfn_cli_it_probe")) {
            assertThat(probe.count("SELECT COUNT(*) FROM pg_namespace WHERE nspname = '" + schema + "'"))
                    .isZero();
        }
    }
}
