package dev.cfn.skills;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cfn.skills.file.SkillFile;
import dev.cfn.skills.file.SkillTree;
import dev.cfn.store.Maintenance;
import dev.cfn.testing.Fixtures;
import dev.cfn.testing.SqliteTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The real-world skills of {@code ../shared/fixtures/skills/anthropic} import cleanly. */
class AnthropicFixturesTest extends SqliteTest {

    @Test
    void all_twelve_skills_import_and_only_the_long_description_warns() throws Exception {
        Path tree = Fixtures.anthropicSkills();
        List<Path> paths = SkillTree.find(tree, true);

        List<SkillFile> files = SkillTree.parseAll(registry.parser(), paths, n -> {});
        List<ProposeResult> results = registry.propose(files, null, true);

        assertThat(results).hasSize(12).extracting(ProposeResult::outcome).containsOnly(ProposeResult.Outcome.CREATED);
        assertThat(files.stream().flatMap(f -> f.warnings().stream()))
                .containsExactly(tree.resolve("claude-api/SKILL.md")
                        + ":3: description is 1068 characters, over the Agent Skills limit of 1024 (accepted)");
        for (SkillFile file : files) {
            assertThat(file.contentHash())
                    .as(file.path().toString())
                    .isEqualTo(dev.cfn.testing.Bytes.sha256(Files.readAllBytes(file.path())));
            assertThat(file.name())
                    .isEqualTo(file.path().getParent().getFileName().toString());
        }
        assertThat(new Maintenance(db).check()).isEmpty();
        assertThat(registry.propose(files, null, true))
                .extracting(ProposeResult::outcome)
                .containsOnly(ProposeResult.Outcome.UNCHANGED);
    }
}
