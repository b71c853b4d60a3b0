package dev.cfn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cfn.testing.Cfn;
import dev.cfn.testing.SkillMd;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole skill lifecycle through real processes, each printing one JSON document with --json. */
class CliLifecycleIT {
    static final String TRICKY = "O'Brien \"q\"; DROP TABLE skills; -- Grüße 日本語 🙂";

    @TempDir
    Path tmp;

    private Cfn cfn;
    private Path src;

    @BeforeEach
    void setUp() {
        src = tmp.resolve("src");
        cfn = new Cfn(tmp.resolve("home"), tmp.resolve("scratch"));
    }

    @Test
    void every_command_prints_one_json_document_and_the_lifecycle_holds_together() {
        Path tdd = SkillMd.of("tdd").writeIn(src);
        SkillMd.of("billing").category("domain").writeIn(src);
        SkillMd.of("k8s").category("infrastructure").writeIn(src);
        Path tdd2 = SkillMd.of("tdd").version("1.1.0").writeIn(tmp.resolve("v2"));
        Path extra = SkillMd.of("extra").category("domain").writeIn(tmp.resolve("more"));

        assertThat(json("init").get("dialect").asText()).isEqualTo("sqlite");
        JsonNode imported = json("skill", "import", src.toString());
        assertThat(imported.get("files").asInt()).isEqualTo(3);
        assertThat(imported.get("created").asInt()).isEqualTo(3);
        assertThat(imported.get("pending").asInt()).isEqualTo(2);
        assertThat(json("skill", "import", src.toString()).get("unchanged").asInt())
                .isEqualTo(3);
        assertThat(json("skill", "propose", extra.toString())
                        .get(0)
                        .get("state")
                        .asText())
                .isEqualTo("pending");
        assertThat(names(json("skill", "pending"), "skill")).containsExactly("billing", "k8s", "extra");
        assertThat(json("skill", "list", "--pending").size()).isEqualTo(3);
        assertThat(json("skill", "approve", "billing", "--approver", TRICKY, "--reason", TRICKY)
                        .get("decision")
                        .asText())
                .isEqualTo("approved");
        assertThat(json("skill", "escalate", "k8s", "--reason", "needs ops")
                        .get("decision")
                        .asText())
                .isEqualTo("escalated");
        assertThat(json("skill", "reject", "extra", "--approver", "bob", "--reason", "dup")
                        .get("decision")
                        .asText())
                .isEqualTo("rejected");
        assertThat(json("skill", "deploy", "tdd", "--agents", "coder,tester", "--priority", "2")
                        .get("agents"))
                .hasSize(2);
        json("skill", "deploy", "billing", "--agents", "coder", "--priority", "1", "--required", "--keywords", "pay");
        assertThat(json("skill", "update", "tdd", tdd2.toString(), "--change", "minor")
                        .get("version")
                        .asText())
                .isEqualTo("1.1.0");

        JsonNode loaded = json("skill", "load", "--agent", "coder", "--keywords", "pay");
        assertThat(names(loaded.get("skills"), "name")).containsExactly("billing", "tdd");
        assertThat(loaded.get("skills").get(1).get("version").asText()).isEqualTo("1.1.0");
        assertThat(names(
                        json("skill", "load", "--agent", "coder", "--keywords", "payment")
                                .get("skills"),
                        "name"))
                .containsExactly("tdd");

        JsonNode history = json("skill", "history", "billing");
        assertThat(history.get(0).get("approver").asText()).isEqualTo(TRICKY);
        assertThat(history.get(0).get("reasoning").asText()).isEqualTo(TRICKY);
        JsonNode shown = json("skill", "show", "tdd", "--version", "1.0.0");
        assertThat(shown.get("content").asText()).isEqualTo(SkillMd.of("tdd").text());
        assertThat(json("skill", "rollback", "tdd", "--to", "1.0.0")
                        .get("version")
                        .asText())
                .isEqualTo("1.0.0");
        assertThat(json("skill", "deprecate", "k8s", "--note", TRICKY)
                        .get("deprecation_note")
                        .asText())
                .isEqualTo(TRICKY);
        assertThat(names(json("skill", "list", "--agent", "tester"), "name")).containsExactly("tdd");
        assertThat(json(
                                "skill",
                                "log",
                                "--agent-id",
                                TRICKY,
                                "--agent-type",
                                "coder",
                                "--skill",
                                "tdd",
                                "--exit-code",
                                "0",
                                "--duration-ms",
                                "42",
                                "--confidence-before",
                                "0.5",
                                "--confidence-after",
                                "0.8")
                        .get("id")
                        .asLong())
                .isEqualTo(1);
        for (String report : List.of("effectiveness", "velocity", "bottlenecks", "by-approval", "usage")) {
            assertThat(json("analytics", report, "--days", "7").get("report").asText())
                    .isEqualTo(report);
        }
        assertThat(json("analytics", "usage").get("rows").get(0).get("skill").asText())
                .isEqualTo("tdd");
        JsonNode stats = json("db", "stats");
        assertThat(stats.get("counts").get("skills").asInt()).isEqualTo(4);
        assertThat(stats.get("skill_cache").has("hits")).isTrue();
        assertThat(json("db", "check").get("ok").asBoolean()).isTrue();
        json("db", "analyze");
        json("db", "vacuum");
        assertThat(json("db", "check").get("versions_checked").asInt()).isEqualTo(5);
        assertThat(tdd).exists();
    }

    @Test
    void the_usage_log_holds_one_json_line_per_logged_use_verbatim() throws Exception {
        cfn.run("skill", "propose", SkillMd.of("tdd").writeIn(src).toString()).ok();

        cfn.run("skill", "log", "--agent-id", TRICKY, "--agent-type", "coder", "--skill", "tdd", "--task", TRICKY)
                .ok();
        cfn.run("skill", "log", "--agent-id", "a-2", "--agent-type", "coder", "--skill", "tdd")
                .ok();

        List<String> lines = Files.readAllLines(cfn.home().resolve("logs/usage.jsonl"), StandardCharsets.UTF_8);
        assertThat(lines).hasSize(2);
        JsonNode first = Cfn.JSON.readTree(lines.get(0));
        assertThat(first.get("agent_id").asText()).isEqualTo(TRICKY);
        assertThat(first.get("task_id").asText()).isEqualTo(TRICKY);
        assertThat(first.get("skill_version").isNull()).isTrue();
        assertThat(Cfn.JSON.readTree(lines.get(1)).get("id").asInt()).isEqualTo(2);
    }

    @Test
    void non_ascii_content_is_printed_as_utf8_even_under_the_c_locale() throws Exception {
        String body = "# Grüße\n\n日本語 🙂 — “quotes” and a tab\there.\n";
        Path file = SkillMd.of("unicode").body(body).writeIn(src);
        cfn.env("LANG", null).env("LC_ALL", "C");
        cfn.run("skill", "propose", file.toString()).ok();

        JsonNode shown = cfn.run("--json", "skill", "show", "unicode").ok().json();
        byte[] plain = cfn.run("skill", "show", "unicode").ok().stdoutBytes();

        assertThat(shown.get("content").asText()).isEqualTo(Files.readString(file, StandardCharsets.UTF_8));
        assertThat(plain).isEqualTo(Files.readAllBytes(file));
    }

    private JsonNode json(String... args) {
        List<String> all = new ArrayList<>(List.of("--json"));
        all.addAll(List.of(args));
        return cfn.run(all.toArray(String[]::new)).ok().json();
    }

    private static List<String> names(JsonNode array, String field) {
        List<String> names = new ArrayList<>();
        array.forEach(node -> names.add(node.get(field).asText()));
        return names;
    }
}
