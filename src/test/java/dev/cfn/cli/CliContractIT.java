package dev.cfn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cfn.testing.Cfn;
import dev.cfn.testing.Cfn.Result;
import dev.cfn.testing.DbDump;
import dev.cfn.testing.SkillMd;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CLI contract of DESIGN.md, checked on real {@code cfn} processes. */
class CliContractIT {
    @TempDir
    Path tmp;

    private Cfn cfn;
    private Path home;
    private Path src;

    @BeforeEach
    void setUp() {
        home = tmp.resolve("home");
        src = tmp.resolve("src");
        cfn = new Cfn(home, tmp.resolve("scratch"));
    }

    @Test
    void init_creates_the_home_and_database_and_is_idempotent() {
        Result first = cfn.run("init").ok();
        JsonNode again = cfn.run("--json", "init").ok().json();

        assertThat(first.stdout()).isEqualTo("initialised " + home + " (database " + cfn.dbFile() + ")\n");
        assertThat(again.get("home").asText()).isEqualTo(home.toString());
        assertThat(again.get("database").asText()).isEqualTo(cfn.dbFile().toString());
        assertThat(again.get("dialect").asText()).isEqualTo("sqlite");
        assertThat(cfn.dbFile()).isRegularFile();
        assertThat(home.resolve("logs")).isDirectory();
    }

    @Test
    void global_options_work_before_or_after_the_subcommand_and_home_comes_from_the_environment() {
        cfn.run("skill", "propose", SkillMd.of("tdd").writeIn(src).toString()).ok();

        JsonNode before = json(List.of("--home", home.toString(), "--json", "skill", "list"));
        JsonNode after = json(List.of("skill", "list", "--json", "--home", home.toString()));
        JsonNode between = json(List.of("skill", "--home", home.toString(), "list", "--json"));
        JsonNode fromEnv = cfn.env("CFN_HOME", home.toString())
                .runExactly(List.of("skill", "list", "--json"))
                .ok()
                .json();

        assertThat(before).hasSize(1);
        assertThat(before.get(0).get("name").asText()).isEqualTo("tdd");
        assertThat(after).isEqualTo(before);
        assertThat(between).isEqualTo(before);
        assertThat(fromEnv).isEqualTo(before);
    }

    @Test
    void a_bad_skill_file_exits_2_naming_file_and_line_and_changes_nothing() throws Exception {
        cfn.run("skill", "propose", SkillMd.of("good").writeIn(src).toString()).ok();
        Path bad = SkillMd.of("bad").writeIn(src);
        Files.writeString(bad, "---\nname: Bad\ndescription: d\n---\n");
        SkillMd.of("zz-fresh").writeIn(src);
        var before = DbDump.ofFile(cfn.dbFile());
        String expected = "cfn: " + bad
                + ":2: front matter 'name' must be 1-64 lowercase letters, digits or hyphens, but was 'Bad'";

        Result propose = cfn.run("skill", "propose", bad.toString());
        Result importTree = cfn.run("--json", "skill", "import", src.toString());

        assertThat(propose.fails(2)).isEqualTo(expected);
        assertThat(importTree.fails(2)).isEqualTo(expected);
        assertThat(importTree.stdout()).isEmpty();
        assertThat(DbDump.ofFile(cfn.dbFile())).isEqualTo(before);
    }

    @Test
    void usage_errors_exit_2_with_one_line_before_anything_is_created() {
        Map<List<String>, String> cases = Map.of(
                List.of("skill", "list", "--bogus"), "cfn: Unknown option: '--bogus' (see 'cfn skill list --help')",
                List.of("skill", "deploy", "tdd", "--priority", "3"),
                        "cfn: Missing required option: '--agents=a,b' (see 'cfn skill deploy --help')",
                List.of("skill", "deploy", "tdd", "--agents", "coder", "--priority", "11"),
                        "cfn: --priority must be 1 (highest) to 10, but was 11",
                List.of("skill", "update", "tdd", "x.md", "--change", "huge"),
                        "cfn: --change must be patch, minor or major, but was 'huge'",
                List.of("analytics", "nope"),
                        "cfn: REPORT must be one of effectiveness, velocity, bottlenecks, by-approval, usage,"
                                + " but was 'nope'");

        cases.forEach((args, message) -> assertThat(
                        cfn.run(args.toArray(String[]::new)).fails(2))
                .as(String.join(" ", args))
                .isEqualTo(message));
        assertThat(home).doesNotExist();
    }

    @Test
    void a_missing_skill_or_version_exits_3_and_logs_nothing() {
        cfn.run("skill", "propose", SkillMd.of("tdd").writeIn(src).toString()).ok();
        var before = DbDump.ofFile(cfn.dbFile());

        assertThat(cfn.run("skill", "show", "nope").fails(3)).isEqualTo("cfn: skill 'nope' does not exist");
        assertThat(cfn.run("skill", "log", "--agent-id", "a-1", "--agent-type", "coder", "--skill", "nope")
                        .fails(3))
                .isEqualTo("cfn: skill 'nope' does not exist");
        assertThat(cfn.run("skill", "rollback", "tdd", "--to", "9.0.0").fails(3))
                .isEqualTo("cfn: skill 'tdd' has no version 9.0.0");

        assertThat(DbDump.ofFile(cfn.dbFile())).isEqualTo(before);
        Path usage = home.resolve("logs/usage.jsonl");
        assertThat(!Files.exists(usage) || usage.toFile().length() == 0)
                .as("usage.jsonl is empty")
                .isTrue();
    }

    @Test
    void conflicts_exit_4_with_one_line_and_change_nothing() {
        Path v1 = SkillMd.of("billing").category("domain").writeIn(src);
        Path v2 = SkillMd.of("billing").category("domain").version("1.0.1").writeIn(tmp.resolve("v2"));
        cfn.run("skill", "propose", v1.toString()).ok();

        assertConflict(
                "cfn: " + v1 + ": content is unchanged from 'billing' 1.0.0 (same SHA-256)",
                "skill",
                "propose",
                v1.toString());
        assertConflict(
                "cfn: skill 'billing' has no approved version to deploy",
                "skill",
                "deploy",
                "billing",
                "--agents",
                "coder");
        cfn.run("skill", "approve", "billing", "--approver", "alice").ok();
        assertConflict(
                "cfn: skill 'billing' has no version awaiting a decision",
                "skill",
                "approve",
                "billing",
                "--approver",
                "alice");
        assertConflict(
                "cfn: --change minor does not match the version bump 1.0.0 -> 1.0.1 (patch)",
                "skill",
                "update",
                "billing",
                v2.toString(),
                "--change",
                "minor",
                "--approver",
                "bob");
        // A human-level skill's update waits for review: the output says so and who must approve.
        var pending = cfn.run("skill", "update", "billing", v2.toString(), "--approver", "bob")
                .ok();
        assertThat(pending.stdout())
                .contains("billing 1.0.1 is pending (level human): a human reviewer must approve it")
                .contains("cfn skill approve billing --version 1.0.1");
        assertThat(pending.stderr()).contains("--approver does not approve an update that needs review");
        assertThat(cfn.run("--json", "skill", "pending")
                        .ok()
                        .json()
                        .get(0)
                        .get("generated_by")
                        .asText())
                .isEqualTo("update");
    }

    @Test
    void db_check_passes_on_a_sound_database_and_exits_1_on_a_tampered_hash() throws Exception {
        cfn.run("skill", "propose", SkillMd.of("tdd").writeIn(src).toString()).ok();
        JsonNode sound = cfn.run("--json", "db", "check").ok().json();
        assertThat(sound.get("ok").asBoolean()).isTrue();
        assertThat(sound.get("versions_checked").asInt()).isEqualTo(1);

        try (var raw = java.sql.DriverManager.getConnection("jdbc:sqlite:" + cfn.dbFile());
                var s = raw.createStatement()) {
            s.execute("DROP TRIGGER skill_versions_immutable");
            s.executeUpdate("UPDATE skill_versions SET content = 'tampered'");
        }
        Result tampered = cfn.run("--json", "db", "check");

        assertThat(tampered.fails(1)).isEqualTo("cfn: database check found 1 problems");
        assertThat(tampered.json().get("problems").get(0).asText()).startsWith("hash: tdd 1.0.0 content hashes to ");
    }

    private void assertConflict(String message, String... args) {
        var before = DbDump.ofFile(cfn.dbFile());
        Result result = cfn.run(args);
        assertThat(result.fails(4)).as(String.join(" ", args)).isEqualTo(message);
        assertThat(result.stdout()).isEmpty();
        assertThat(DbDump.ofFile(cfn.dbFile())).isEqualTo(before);
    }

    private JsonNode json(List<String> args) {
        return cfn.runExactly(args).ok().json();
    }
}
