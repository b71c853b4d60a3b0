package dev.cfn.skills;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cfn.skills.file.SemVer;
import dev.cfn.skills.file.SkillFile;
import dev.cfn.testing.RecordingDatabase;
import dev.cfn.testing.SkillMd;
import dev.cfn.testing.SqliteTest;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Asks SQLite ({@code EXPLAIN QUERY PLAN}) how it runs the statements the registry really
 * prepares: the hot ones must find their rows through an index ({@code SEARCH ... USING INDEX}),
 * never read a whole table ({@code SCAN <table>}).
 */
class QueryPlanTest extends SqliteTest {
    private final JdbcSkillStore store = new JdbcSkillStore();

    @BeforeEach
    void fillTheRegistry() {
        List<SkillFile> files = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            files.add(file(SkillMd.of("skill-" + i).category(i % 3 == 0 ? "domain" : "testing")));
        }
        registry.propose(files, null, false);
        for (int i = 1; i < 60; i += 3) {
            registry.deploy(new DeployRequest(
                    "skill-" + i,
                    null,
                    List.of("coder", "tester", "agent-" + (i % 10)),
                    1 + i % 10,
                    i % 7 == 0,
                    Mapping.Conditions.NONE,
                    false));
        }
    }

    @Test
    void the_hot_queries_search_an_index_on_a_fresh_database() throws SQLException {
        assertNoFullScan(hotQueries());
    }

    @Test
    void the_hot_queries_search_an_index_after_analyze() throws SQLException {
        db.write(sql -> {
            sql.execute("ANALYZE");
            return null;
        });

        assertNoFullScan(hotQueries());
    }

    @Test
    void no_statement_of_the_skill_lifecycle_scans_a_whole_table_except_listing_everything() throws SQLException {
        RecordingDatabase recording = new RecordingDatabase(db);
        SkillRegistry recorded = new SkillRegistry(recording, clock);
        SkillLoader loader = new SkillLoader(recording, recorded, 100);
        recorded.propose(List.of(file(SkillMd.of("billing").category("domain"))), null, false);
        recorded.escalate("billing", null, "why");
        recorded.approve("billing", null, "alice", "ok");
        recorded.deploy(new DeployRequest("billing", null, List.of("coder"), 2, false, Mapping.Conditions.NONE, true));
        recorded.update("billing", file(SkillMd.of("billing").category("domain").version("1.1.0")), null, "bob");
        recorded.approve(
                "billing", SemVer.parse("1.1.0"), "alice", "ok"); // a domain update waits for review, then deploys
        recorded.propose(List.of(file(SkillMd.of("billing").category("domain").version("1.2.0"))), null, false);
        recorded.reject("billing", null, "alice", "no");
        recorded.rollback("billing", SemVer.INITIAL);
        recorded.deprecate("billing", "skill-1", "moved");
        recorded.history("billing");
        recorded.versions("billing");
        recorded.mappings("billing");
        recorded.pending();
        recorded.list(null, "coder", false);
        recorded.list(null, null, true);
        loader.load(LoadRequest.of("coder"));

        Map<String, List<String>> plans = plans(recording.statements());
        // Listing every skill reads every skill: that one may scan.
        plans.keySet().removeIf(sql -> sql.contains(" WHERE 1 = 1") && !sql.contains("?"));
        assertThat(plans).hasSizeGreaterThan(15);
        assertNoFullScan(plans);
    }

    /** The SQL the store runs for each hot query, captured as prepared, with its plan. */
    private Map<String, List<String>> hotQueries() throws SQLException {
        RecordingDatabase recording = new RecordingDatabase(db);
        long skillId = registry.skill("skill-1").id();
        recording.recordRead(sql -> store.loadCandidates(sql, "coder"));
        recording.recordRead(sql -> store.skill(sql, "skill-1"));
        recording.recordRead(sql -> store.latestVersion(sql, skillId));
        recording.recordRead(store::pending);
        assertThat(recording.statements()).hasSize(4);
        return plans(recording.statements());
    }

    private Map<String, List<String>> plans(List<String> statements) throws SQLException {
        Map<String, List<String>> plans = new LinkedHashMap<>();
        db.read(sql -> {
            Connection c = sql.connection();
            for (String statement : statements) {
                if (statement.startsWith("INSERT") || statement.startsWith("BEGIN")) {
                    continue;
                }
                plans.put(statement, plan(c, statement));
            }
            return null;
        });
        return plans;
    }

    private static List<String> plan(Connection c, String statement) throws SQLException {
        List<String> lines = new ArrayList<>();
        try (var explain = c.prepareStatement("EXPLAIN QUERY PLAN " + statement);
                ResultSet rs = explain.executeQuery()) {
            while (rs.next()) {
                lines.add(rs.getString(4));
            }
        }
        return lines;
    }

    private static void assertNoFullScan(Map<String, List<String>> plans) {
        plans.forEach((statement, lines) -> assertThat(lines)
                .as("plan of %s", statement)
                .isNotEmpty()
                .noneMatch(line -> line.startsWith("SCAN ") && !line.equals("SCAN CONSTANT ROW"))
                .anyMatch(line -> line.matches("SEARCH \\S+ USING (COVERING INDEX|INDEX|INTEGER PRIMARY KEY) .*")));
    }
}
