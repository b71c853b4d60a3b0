package dev.cfn.skills.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cfn.skills.LoadRequest;
import dev.cfn.skills.LoadedSkill;
import dev.cfn.store.Maintenance;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The generated registry is the issue's size and as sound as one built through the registry. */
class BenchDataTest {
    private static BenchFixture fixture;

    @BeforeAll
    static void generate() {
        fixture = BenchFixture.create(DataShape.ISSUE);
    }

    @AfterAll
    static void delete() {
        fixture.close();
    }

    @Test
    void the_issue_shape_holds_1000_skills_5000_mappings_and_50000_usage_rows() {
        assertThat(new Maintenance(fixture.db()).counts())
                .containsEntry("skills", 1000L)
                .containsEntry("agent_skill_mappings", 5000L)
                .containsEntry("skill_usage_log", 50_000L);
    }

    @Test
    void the_generated_database_passes_integrity_foreign_key_and_content_hash_checks() {
        assertThat(new Maintenance(fixture.db()).check()).isEmpty();
    }

    @Test
    void an_agent_type_loads_deployed_skills_whose_content_matches_its_hash() throws Exception {
        List<LoadedSkill> loaded = fixture.loader().loadUncached(LoadRequest.of(DataShape.agentType(3)));

        assertThat(loaded).isNotEmpty().hasSizeLessThanOrEqualTo(DataShape.ISSUE.mappingsPerAgentType());
        for (LoadedSkill skill : loaded) {
            assertThat(skill.version()).isEqualTo("1.0.0");
            assertThat(sha256(skill.content())).isEqualTo(skill.contentHash());
        }
    }

    @Test
    void every_report_has_rows_on_the_generated_data() {
        for (String report : Operations.REPORTS) {
            assertThat(fixture.uncachedAnalytics().report(report, 30).rows())
                    .as(report)
                    .isNotEmpty();
        }
    }

    private static String sha256(String text) throws Exception {
        return HexFormat.of()
                .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    }
}
