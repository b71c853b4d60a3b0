package dev.cfn.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The API of a real {@code cfn serve} child process over HTTP: every skills endpoint with its
 * success and error codes, analytics, the protocol-level refusals (400 malformed JSON, 404, 405,
 * 413 for Content-Length and chunked bodies). Loops are in {@link LoopApiIT}.
 */
class ApiIT {
    @TempDir
    static Path tmp;

    static ServeProcess server;
    static Http http;

    @BeforeAll
    static void start() throws Exception {
        ServeProcess.seed(tmp.resolve("home"));
        server = ServeProcess.start(tmp.resolve("home"), Map.of());
        http = server.http();
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    static String skillMd(String name, String version, String category) {
        return "---\nname: " + name + "\ndescription: a skill for the API test\nversion: " + version + "\ncategory: "
                + category + "\n---\n# " + name + "\nDo it well (" + version + ").\n";
    }

    @Test
    void lists_skills_with_their_state_and_filters_by_status() throws Exception {
        var all = http.get("/api/skills");
        assertThat(all.status()).isEqualTo(200);
        List<String> names = new ArrayList<>();
        all.json().forEach(s -> names.add(s.get("name").asText()));
        assertThat(names).contains("tdd-workflow", "api-design", "db-migrations");
        assertThat(all.json().get(0).has("deployed_version")).isTrue();

        var bad = http.get("/api/skills?status=sleeping");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.error()).contains("sleeping");
    }

    @Test
    void shows_a_skill_with_content_versions_and_mappings_or_404() throws Exception {
        var shown = http.get("/api/skills/tdd-workflow");
        assertThat(shown.status()).isEqualTo(200);
        assertThat(shown.json().get("content").asText()).contains("name: tdd-workflow");
        assertThat(shown.json().get("versions")).hasSize(1);
        assertThat(shown.json().has("mappings")).isTrue();

        var missing = http.get("/api/skills/no-such-skill");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.error()).isEqualTo("skill 'no-such-skill' does not exist");
        assertThat(http.get("/api/skills/tdd-workflow?version=9.9.9").status()).isEqualTo(404);
        assertThat(http.get("/api/skills/tdd-workflow?version=nine").status()).isEqualTo(400);
    }

    @Test
    void proposes_from_content_then_approves_or_rejects_with_conflicts_and_bad_fields() throws Exception {
        var proposed =
                http.post("/api/skills", Http.json(Map.of("content", skillMd("api-reviewed", "1.0.0", "domain"))));
        assertThat(proposed.status()).isEqualTo(201);
        assertThat(proposed.json().get("state").asText()).isEqualTo("pending");
        assertThat(http.get("/api/approvals/pending").body()).contains("\"skill\":\"api-reviewed\"");

        var again = http.post("/api/skills", Http.json(Map.of("content", skillMd("api-reviewed", "1.0.0", "domain"))));
        assertThat(again.status()).isEqualTo(409);

        var noApprover = http.post("/api/skills/api-reviewed/approve", "{\"reason\":\"fine\"}");
        assertThat(noApprover.status()).isEqualTo(400);
        assertThat(noApprover.error()).isEqualTo("field 'approver' is required");

        var approved =
                http.post("/api/skills/api-reviewed/approve", "{\"approver\":\"alice@example.com\",\"reason\":\"ok\"}");
        assertThat(approved.status()).isEqualTo(200);
        assertThat(approved.json().get("decision").asText()).isEqualTo("approved");
        assertThat(http.post("/api/skills/api-reviewed/approve", "{\"approver\":\"alice@example.com\"}")
                        .status())
                .isEqualTo(409);
        assertThat(http.post("/api/skills/no-such-skill/reject", "{\"approver\":\"bob@example.com\",\"reason\":\"no\"}")
                        .status())
                .isEqualTo(404);

        http.post("/api/skills", Http.json(Map.of("content", skillMd("api-rejected", "1.0.0", "domain"))));
        var rejected =
                http.post("/api/skills/api-rejected/reject", "{\"approver\":\"bob@example.com\",\"reason\":\"no\"}");
        assertThat(rejected.status()).isEqualTo(200);
        assertThat(rejected.json().get("decision").asText()).isEqualTo("rejected");
    }

    @Test
    void a_bad_skill_md_is_400_naming_the_field_and_line_with_nothing_stored() throws Exception {
        var bad = http.post("/api/skills", Http.json(Map.of("content", "---\nname: Bad Name\ndescription: x\n---\n")));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.error()).startsWith("content:2: front matter 'name'");
        assertThat(http.get("/api/skills").body()).doesNotContain("Bad Name");

        assertThat(http.post("/api/skills", "{}").error()).isEqualTo("field 'content' is required");
        assertThat(http.post("/api/skills", "{\"content\": 7}").error())
                .isEqualTo("field 'content' must be a string, but was 7");
        assertThat(http.post("/api/skills", "{\"content\":\"x\",\"colour\":1}").error())
                .startsWith("unknown field 'colour'");
    }

    @Test
    void a_put_to_a_skill_needing_review_is_pending_until_approved_which_deploys_it() throws Exception {
        http.post("/api/skills", Http.json(Map.of("content", skillMd("api-governed", "1.0.0", "domain"))));
        http.post("/api/skills/api-governed/approve", "{\"approver\":\"alice@example.com\"}");
        http.post("/api/skills/api-governed/deploy", "{\"agents\":[\"api-gov-agent\"]}");

        var put = http.put(
                "/api/skills/api-governed",
                Http.json(Map.of(
                        "content", skillMd("api-governed", "1.1.0", "testing"), "approver", "mallory@example.com")));

        assertThat(put.status()).isEqualTo(202);
        assertThat(put.json().get("state").asText()).isEqualTo("pending");
        assertThat(put.json().get("needs").asText()).isEqualTo("a human reviewer");
        assertThat(put.json().get("deployed").asText()).isEqualTo("1.0.0");
        assertThat(loadedVersion("api-gov-agent")).isEqualTo("1.0.0");

        assertThat(http.post("/api/skills/api-governed/approve", "{\"approver\":\"bob@example.com\"}")
                        .status())
                .isEqualTo(200);
        assertThat(loadedVersion("api-gov-agent")).isEqualTo("1.1.0");
    }

    private String loadedVersion(String agent) throws Exception {
        return http.get("/api/agents/" + agent + "/skills")
                .json()
                .get("skills")
                .get(0)
                .get("version")
                .asText();
    }

    @Test
    void deploys_and_loads_for_an_agent_type_then_updates_in_one_step() throws Exception {
        http.post("/api/skills", Http.json(Map.of("content", skillMd("api-deployed", "1.0.0", "testing"))));
        var deployed = http.post(
                "/api/skills/api-deployed/deploy", "{\"agents\":[\"api-agent\"],\"priority\":2,\"required\":true}");
        assertThat(deployed.status()).isEqualTo(200);
        assertThat(deployed.json().get("agents").get(0).asText()).isEqualTo("api-agent");

        var loaded = http.get("/api/agents/api-agent/skills");
        assertThat(loaded.status()).isEqualTo(200);
        assertThat(loaded.json().get("skills").get(0).get("name").asText()).isEqualTo("api-deployed");
        assertThat(loaded.json().get("skills").get(0).get("version").asText()).isEqualTo("1.0.0");

        var updated = http.put(
                "/api/skills/api-deployed",
                Http.json(Map.of("content", skillMd("api-deployed", "1.1.0", "testing"), "change", "minor")));
        assertThat(updated.status()).isEqualTo(200);
        assertThat(updated.json().get("version").asText()).isEqualTo("1.1.0");
        assertThat(http.get("/api/agents/api-agent/skills")
                        .json()
                        .get("skills")
                        .get(0)
                        .get("version")
                        .asText())
                .isEqualTo("1.1.0");

        var stale = http.put(
                "/api/skills/api-deployed", Http.json(Map.of("content", skillMd("api-deployed", "1.0.5", "testing"))));
        assertThat(stale.status()).isEqualTo(409);
        var misnamed = http.put(
                "/api/skills/api-deployed", Http.json(Map.of("content", skillMd("other-name", "2.0.0", "testing"))));
        assertThat(misnamed.status()).isEqualTo(400);
        assertThat(misnamed.error()).startsWith("content:2: front matter 'name' must match");

        var badPriority = http.post("/api/skills/api-deployed/deploy", "{\"agents\":[\"api-agent\"],\"priority\":11}");
        assertThat(badPriority.status()).isEqualTo(400);
        assertThat(badPriority.error()).contains("priority").contains("11");
        assertThat(http.post("/api/skills/api-deployed/deploy", "{\"priority\":1}")
                        .error())
                .isEqualTo("field 'agents' is required");
        assertThat(http.post("/api/skills/api-design/deploy", "{\"agents\":[\"x\"]}")
                        .status())
                .as("a version awaiting review cannot be deployed")
                .isIn(404, 409);
        assertThat(http.get("/api/agents/Not%20A%20Type/skills").status()).isEqualTo(400);
    }

    @Test
    void analytics_reports_and_an_unknown_report_is_400() throws Exception {
        var usage = http.get("/api/analytics/by-approval?days=7");
        assertThat(usage.status()).isEqualTo(200);
        assertThat(usage.json().get("report").asText()).isEqualTo("by-approval");
        assertThat(usage.json().get("rows").size()).isPositive();
        assertThat(http.get("/api/analytics/gossip").error()).startsWith("report must be one of");
        assertThat(http.get("/api/analytics/usage?days=many").error())
                .isEqualTo("query parameter 'days' must be an integer, but was 'many'");
    }

    @Test
    void malformed_json_is_one_line_400() throws Exception {
        var bad = http.post("/api/skills/tdd-workflow/deploy", "{\"agents\": [");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.error())
                .startsWith("request body is not valid JSON at line 1")
                .doesNotContain("\n");
        assertThat(http.post("/api/skills/tdd-workflow/deploy", "[1]").error())
                .isEqualTo("request body must be a JSON object, but was array");
    }

    @Test
    void unknown_route_is_404_and_wrong_method_405_both_json() throws Exception {
        var missing = http.get("/api/nothing-here");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.error()).isNotBlank();
        var wrong = http.send(http.request("/api/skills").DELETE());
        assertThat(wrong.status()).isEqualTo(405);
        assertThat(wrong.error()).isNotBlank();
    }

    @Test
    void bodies_over_1_mib_are_413_with_content_length_and_chunked() throws Exception {
        String big = "{\"content\":\"" + "a".repeat((1 << 20) + 10) + "\"}";
        var sized = http.post("/api/skills", big);
        assertThat(sized.status()).isEqualTo(413);
        assertThat(sized.error()).isEqualTo("request body is larger than the limit of 1048576 bytes");

        byte[] bytes = big.getBytes();
        var chunked = http.send(http.request("/api/skills")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(bytes))));
        assertThat(chunked.status()).isEqualTo(413);
        assertThat(http.get("/api/skills").status())
                .as("the server still answers")
                .isEqualTo(200);
    }

    @Test
    void health_checks_the_database() throws Exception {
        var health = http.get("/health");
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.json().get("checks").get("database").asText()).isEqualTo("ok");
    }

    @Test
    void the_dashboard_page_is_served_without_any_external_resource() throws Exception {
        var page = http.get("/");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("<title>cfn dashboard</title>").contains("EventSource");
        assertThat(page.body()).doesNotContain("https://").doesNotContain("src=\"http");
    }
}
