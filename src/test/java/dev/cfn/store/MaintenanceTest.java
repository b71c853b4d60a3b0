package dev.cfn.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cfn.CfnException;
import dev.cfn.skills.file.SkillFile;
import dev.cfn.skills.file.SkillFileParser;
import dev.cfn.testing.SkillMd;
import dev.cfn.testing.SqliteTest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MaintenanceTest extends SqliteTest {
    private Maintenance maintenance;
    private SkillFile bomFile;

    @BeforeEach
    void fill() throws Exception {
        maintenance = new Maintenance(db);
        propose(SkillMd.of("tdd").body("Grüße 日本語 🙂\n"));
        Path path = dir.resolve("bom").resolve("crlf").resolve("SKILL.md");
        Files.createDirectories(path.getParent());
        byte[] text = "---\r\nname: crlf\r\ndescription: d\r\ncategory: testing\r\n---\r\nbody\r\n"
                .getBytes(StandardCharsets.UTF_8);
        byte[] bytes = new byte[text.length + 3];
        bytes[0] = (byte) 0xEF;
        bytes[1] = (byte) 0xBB;
        bytes[2] = (byte) 0xBF;
        System.arraycopy(text, 0, bytes, 3, text.length);
        Files.write(path, bytes);
        bomFile = new SkillFileParser().read(path);
        registry.propose(List.of(bomFile), null, false);
    }

    @Test
    void check_passes_on_a_sound_database_including_bom_crlf_and_non_ascii_content() {
        assertThat(maintenance.check()).isEmpty();
        assertThat(maintenance.versionsChecked()).isEqualTo(2);
    }

    @Test
    void the_immutability_trigger_rejects_a_change_of_content_or_hash() {
        long id = versionId("tdd");
        var before = dump();

        assertThatThrownBy(() ->
                        db.write(sql -> sql.update("UPDATE skill_versions SET content = 'evil' WHERE id = ?", id)))
                .isInstanceOf(CfnException.class)
                .hasMessageContaining("skill_versions content is immutable");
        assertThatThrownBy(() -> db.write(sql ->
                        sql.update("UPDATE skill_versions SET content_hash = 'x', version = '9.9.9' WHERE id = ?", id)))
                .hasMessageContaining("skill_versions content is immutable");

        assertThat(dump()).isEqualTo(before);
    }

    @Test
    void the_trigger_still_lets_the_approval_state_change() {
        long id = versionId("tdd");

        int changed = db.write(sql -> sql.update("UPDATE skill_versions SET state = 'rejected' WHERE id = ?", id));

        assertThat(changed).isEqualTo(1);
    }

    @Test
    void check_reports_content_that_no_longer_matches_its_hash() throws Exception {
        String recorded = registry.version("tdd", null).contentHash();
        try (Connection raw = DriverManager.getConnection("jdbc:sqlite:" + dbFile());
                Statement s = raw.createStatement()) {
            s.execute("DROP TRIGGER skill_versions_immutable");
            s.executeUpdate("UPDATE skill_versions SET content = 'tampered' WHERE skill_id ="
                    + " (SELECT id FROM skills WHERE name = 'tdd')");
        }

        assertThat(maintenance.check())
                .containsExactly("hash: tdd 1.0.0 content hashes to " + sha256("tampered") + ", but " + recorded
                        + " is recorded");
    }

    @Test
    void check_reports_a_row_pointing_to_a_missing_parent() throws SQLException {
        try (Connection raw = DriverManager.getConnection("jdbc:sqlite:" + dbFile());
                Statement s = raw.createStatement()) {
            s.execute("PRAGMA foreign_keys = OFF");
            s.executeUpdate("INSERT INTO agent_skill_mappings (agent_type, skill_id, created_ms, updated_ms)"
                    + " VALUES ('coder', 999, 0, 0)");
        }

        assertThat(maintenance.check())
                .singleElement()
                .asString()
                .startsWith("foreign key: row ")
                .contains(" of agent_skill_mappings points to a missing skills");
    }

    @Test
    void vacuum_and_analyze_keep_every_row_and_the_check_passes_after() {
        var before = dump();

        maintenance.vacuum();
        maintenance.analyze();

        var after = dump();
        after.remove("sqlite_stat1");
        assertThat(after).isEqualTo(before);
        assertThat(maintenance.check()).isEmpty();
        long statRows = db.read(sql -> sql.count("SELECT COUNT(*) FROM sqlite_stat1"));
        assertThat(statRows).isPositive();
    }

    @Test
    void counts_and_file_sizes_describe_the_database() {
        assertThat(maintenance.counts())
                .containsEntry("skills", 2L)
                .containsEntry("skill_versions", 2L)
                .containsEntry("approval_history", 2L)
                .containsEntry("agent_skill_mappings", 0L)
                .containsEntry("skill_usage_log", 0L);
        var sizes = Maintenance.fileSizes(dbFile());
        assertThat(sizes).containsOnlyKeys("cfn.db", "cfn.db-wal", "cfn.db-shm");
        assertThat(sizes.get("cfn.db")).isPositive();
    }

    private long versionId(String name) {
        return registry.version(name, null).id();
    }

    private static String sha256(String text) throws Exception {
        return HexFormat.of()
                .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    }
}
