package dev.cfn.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class QueryKindTest {
    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "SELECT id FROM skills WHERE name = ?|select|skills",
                "  select s.id from skill_versions v JOIN skills s ON s.id = v.skill_id|select|skill_versions",
                "INSERT INTO skill_usage_log (skill_id) VALUES (?)|insert|skill_usage_log",
                "INSERT OR IGNORE INTO agent_skill_mappings (agent_type) VALUES (?)|insert|agent_skill_mappings",
                "UPDATE loop_runs SET status = ? WHERE id = ?|update|loop_runs",
                "DELETE FROM agent_results WHERE run_id = ?|delete|agent_results",
                "WITH recent AS (SELECT * FROM approval_history) SELECT * FROM recent|select|approval_history",
                "BEGIN IMMEDIATE|other|other",
                "PRAGMA optimize|other|other",
                "SELECT * FROM sqlite_master|select|other",
                "SELECT 1|select|other",
            })
    void a_statement_is_labelled_by_its_type_and_first_table(String sql, String type, String table) {
        assertThat(QueryKind.classify(sql)).isEqualTo(new QueryKind(type, table));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {"", "   ", "SELECT * FROM \"; DROP TABLE skills", "INSERT INTO run_20261127_abcdef VALUES (1)"})
    void odd_or_unknown_text_never_becomes_a_label_value(String sql) {
        QueryKind kind = QueryKind.classify(sql);
        assertThat(Set.of("select", "insert", "update", "delete", "other")).contains(kind.queryType());
        assertThat(kind.table()).isEqualTo("other");
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql"})
    void the_known_tables_are_the_tables_the_migrations_create(String dialect) throws IOException {
        Set<String> created = new TreeSet<>(Set.of("schema_version"));
        // Statements in order: a table a later migration drops or renames is no longer there.
        Pattern change = Pattern.compile(
                "(?i)(CREATE TABLE (?:IF NOT EXISTS )?|DROP TABLE (?:IF EXISTS )?|ALTER TABLE )\"?([a-z_0-9]+)\"?"
                        + "(?: RENAME TO \"?([a-z_0-9]+))?");
        for (int v = 1; ; v++) {
            try (InputStream in = getClass().getResourceAsStream("/db/" + dialect + "/V" + v + ".sql")) {
                if (in == null) {
                    assertThat(v).as("migrations found").isGreaterThan(1);
                    break;
                }
                Matcher m = change.matcher(new String(in.readAllBytes(), StandardCharsets.UTF_8));
                while (m.find()) {
                    String verb = m.group(1).toUpperCase(java.util.Locale.ROOT);
                    if (verb.startsWith("CREATE")) {
                        created.add(m.group(2));
                    } else if (verb.startsWith("DROP")) {
                        created.remove(m.group(2));
                    } else if (m.group(3) != null) {
                        created.remove(m.group(2));
                        created.add(m.group(3));
                    }
                }
            }
        }
        assertThat(new TreeSet<>(QueryKind.TABLES)).isEqualTo(created);
    }
}
