package dev.cfn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cfn.testing.Cfn;
import dev.cfn.testing.Fixtures;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code cfn skill import} of the 12 real-world Anthropic skills (skipped when the folder is absent). */
class AnthropicFixturesIT {
    @TempDir
    Path tmp;

    @Test
    void the_twelve_anthropic_skills_import_with_one_warning_for_the_long_description() {
        Path tree = Fixtures.anthropicSkills();
        Cfn cfn = new Cfn(tmp.resolve("home"), tmp.resolve("scratch"));

        var result = cfn.run("--json", "skill", "import", tree.toString()).ok();

        JsonNode doc = result.json();
        assertThat(doc.get("files").asInt()).isEqualTo(12);
        assertThat(doc.get("created").asInt()).isEqualTo(12);
        assertThat(result.stderr())
                .isEqualTo("cfn: warning: " + tree.resolve("claude-api/SKILL.md")
                        + ":3: description is 1068 characters, over the Agent Skills limit of 1024 (accepted)\n");
        assertThat(cfn.run("--json", "skill", "list").ok().json()).hasSize(12);
    }
}
