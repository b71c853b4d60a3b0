package dev.cfn.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class MigrationSplitTest {

    @Test
    void sqlite_v1_splits_into_its_statements_with_the_trigger_body_whole() {
        List<String> statements =
                new Migrations(Dialect.SQLITE).available().getFirst().statements();

        assertThat(statements).hasSize(17); // 6 tables, 9 indexes, 1 trigger, 1 insert
        assertThat(statements)
                .filteredOn(s -> s.startsWith("CREATE TRIGGER"))
                .singleElement()
                .asString()
                .contains("SELECT RAISE(ABORT, 'skill_versions content is immutable');")
                .endsWith("END;");
        assertThat(statements).allSatisfy(s -> assertThat(s).endsWith(";"));
    }

    @Test
    void a_sqlite_trigger_with_begin_on_its_header_line_still_runs_to_end() {
        String script = "CREATE TRIGGER t AFTER INSERT ON a FOR EACH ROW BEGIN\n"
                + "    INSERT INTO b VALUES (1);\n"
                + "    INSERT INTO b VALUES (2);\n"
                + "END;\n"
                + "CREATE TABLE c (x INTEGER);\n";

        assertThat(Migration.split(script))
                .containsExactly(
                        "CREATE TRIGGER t AFTER INSERT ON a FOR EACH ROW BEGIN\n"
                                + "    INSERT INTO b VALUES (1);\n"
                                + "    INSERT INTO b VALUES (2);\n"
                                + "END;",
                        "CREATE TABLE c (x INTEGER);");
    }

    @Test
    void a_dollar_quoted_function_body_is_one_statement() {
        String script = "CREATE FUNCTION f() RETURNS trigger LANGUAGE plpgsql AS $$\n"
                + "BEGIN\n"
                + "    RAISE EXCEPTION 'no';\n"
                + "END;\n"
                + "$$;\n"
                + "CREATE TRIGGER t BEFORE UPDATE ON a\n"
                + "FOR EACH ROW EXECUTE FUNCTION f();\n"
                + "CREATE TABLE c (x INTEGER);\n";

        assertThat(Migration.split(script))
                .containsExactly(
                        "CREATE FUNCTION f() RETURNS trigger LANGUAGE plpgsql AS $$\nBEGIN\n    RAISE EXCEPTION 'no';\n"
                                + "END;\n$$;",
                        "CREATE TRIGGER t BEFORE UPDATE ON a\nFOR EACH ROW EXECUTE FUNCTION f();",
                        "CREATE TABLE c (x INTEGER);");
    }

    @Test
    void a_tagged_dollar_quote_closes_only_at_its_own_tag() {
        String script =
                "DO $body$\n" + "BEGIN\n" + "    PERFORM 'has $$ inside;';\n" + "END;\n" + "$body$;\n" + "SELECT 1;\n";

        assertThat(Migration.split(script)).hasSize(2).last().isEqualTo("SELECT 1;");
    }

    @Test
    void postgresql_v1_keeps_the_trigger_function_whole_and_the_trigger_separate() {
        List<String> statements =
                new Migrations(Dialect.POSTGRESQL).available().getFirst().statements();

        assertThat(statements)
                .filteredOn(s -> s.startsWith("CREATE FUNCTION skill_versions_immutable"))
                .singleElement()
                .asString()
                .contains("RAISE EXCEPTION 'skill_versions content is immutable';")
                .endsWith("$$;");
        assertThat(statements)
                .filteredOn(s -> s.startsWith("CREATE TRIGGER"))
                .singleElement()
                .asString()
                .endsWith("EXECUTE FUNCTION skill_versions_immutable();");
    }

    @Test
    void both_dialects_ship_the_same_migration_versions_and_descriptions() {
        var sqlite = new Migrations(Dialect.SQLITE).available();
        var postgres = new Migrations(Dialect.POSTGRESQL).available();

        assertThat(postgres)
                .extracting(Migration::version, Migration::description)
                .containsExactlyElementsOf(sqlite.stream()
                        .map(m -> org.assertj.core.groups.Tuple.tuple(m.version(), m.description()))
                        .toList());
    }
}
