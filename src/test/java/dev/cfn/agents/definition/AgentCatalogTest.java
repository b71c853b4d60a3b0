package dev.cfn.agents.definition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cfn.NotFoundException;
import dev.cfn.agents.DefaultRuntime;
import dev.cfn.agents.RuntimeKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AgentCatalogTest {
    private static final Path FIXTURE = Path.of(System.getProperty("cfn.basedir", "."))
            .resolve("../shared/fixtures/agents/claude-flow-novice")
            .normalize();

    @TempDir
    Path dir;

    private void write(String relative, String content) throws IOException {
        Path file = dir.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }

    @Test
    void the_original_systems_agents_tree_loads_without_giving_up() {
        Assumptions.assumeTrue(
                Files.isDirectory(FIXTURE), "fixture " + FIXTURE + " is absent: skipping the real agents tree");

        AgentCatalog catalog = AgentCatalog.load(FIXTURE);

        assertThat(catalog.files()).isEqualTo(59);
        assertThat(catalog.documentation()).hasSize(14);
        assertThat(catalog.problems()).isEmpty();
        assertThat(catalog.agents()).hasSize(44); // 45 definitions, one name twice
        assertThat(catalog.warnings())
                .filteredOn(w -> w.message().contains("not strict YAML"))
                .extracting(w -> w.path().getFileName().toString())
                .containsExactlyInAnyOrder("task-coordinator.md", "react-frontend-engineer.md");
        assertThat(catalog.warnings())
                .filteredOn(w -> w.message().contains("already defined"))
                .singleElement()
                .hasToString(FIXTURE.resolve("swarm/test-coordinator.md") + ":2: agent name 'hierarchical-coordinator'"
                        + " is already defined in " + FIXTURE.resolve("swarm/hierarchical-coordinator.md")
                        + "; this definition is ignored");
        assertThat(catalog.require("task-coordinator").description()).contains("Examples:");
        assertThat(catalog.require("coder").runtime()).isEqualTo(RuntimeKind.ANTHROPIC);
    }

    @Test
    void the_original_systems_agents_load_as_claude_code_agents_when_the_cli_is_found() {
        Assumptions.assumeTrue(
                Files.isDirectory(FIXTURE), "fixture " + FIXTURE + " is absent: skipping the real agents tree");
        DefaultRuntime found = new DefaultRuntime(RuntimeKind.CLAUDE_CODE, "the claude CLI was found at /x (PATH)");

        AgentCatalog catalog = AgentCatalog.load(FIXTURE, found);

        assertThat(catalog.problems()).isEmpty();
        assertThat(catalog.agents()).hasSize(44); // 45 definitions, one name twice
        assertThat(catalog.definitions()).allSatisfy(d -> {
            assertThat(d.runtime()).as(d.name()).isEqualTo(RuntimeKind.CLAUDE_CODE);
            assertThat(d.toolsOrDefault()).as(d.name()).isNotEmpty();
        });
        assertThat(catalog.runtimeReason(catalog.require("coder")))
                .isEqualTo("no runtime or command in its front matter, and the claude CLI was found at /x (PATH)");
        assertThat(catalog.llmDefault()).isEqualTo(found);
    }

    @Test
    void the_reason_of_a_runtime_is_its_front_matter_its_command_or_the_default() throws IOException {
        write("named.md", "---\nname: named\ndescription: d\nruntime: anthropic\n---\n");
        write("cmd.md", "---\nname: cmd\ndescription: d\ncommand: [echo]\n---\n");
        write("plain.md", "---\nname: plain\ndescription: d\n---\n");

        AgentCatalog catalog = AgentCatalog.load(dir, new DefaultRuntime(RuntimeKind.CLAUDE_CODE, "it was found"));

        assertThat(catalog.require("named").runtime()).isEqualTo(RuntimeKind.ANTHROPIC);
        assertThat(catalog.runtimeReason(catalog.require("named"))).isEqualTo("named in its front matter");
        assertThat(catalog.runtimeReason(catalog.require("cmd"))).isEqualTo("it has a command");
        assertThat(catalog.require("plain").runtime()).isEqualTo(RuntimeKind.CLAUDE_CODE);
        assertThat(catalog.runtimeReason(catalog.require("plain")))
                .isEqualTo("no runtime or command in its front matter, and it was found");
    }

    @Test
    void bad_files_are_reported_and_the_rest_still_load() throws IOException {
        write("good/a.md", "---\nname: a\ndescription: A\ncommand: [echo, hi]\n---\n");
        write("bad/b.md", "---\nname: b\ndescription: B\nrole: boss\n---\n");
        write("README.md", "# About these agents\n");
        write("notes.txt", "---\nname: ignored\n---\n");

        AgentCatalog catalog = AgentCatalog.load(dir);

        assertThat(catalog.agents()).containsOnlyKeys("a");
        assertThat(catalog.problems())
                .singleElement()
                .hasToString(
                        dir.resolve("bad/b.md")
                                + ":4: front matter 'role' must be one of implementer, validator, product-owner, reflector, but was 'boss'");
        assertThat(catalog.documentation()).containsExactly(dir.resolve("README.md"));
        assertThat(catalog.files()).isEqualTo(3);
        assertThatThrownBy(() -> catalog.require("b"))
                .isInstanceOf(NotFoundException.class)
                .hasMessage("agent 'b' not found in " + dir + " ("
                        + catalog.problems().get(0) + ")");
    }

    @Test
    void a_missing_folder_is_not_found() {
        assertThatThrownBy(() -> AgentCatalog.load(dir.resolve("nope")))
                .isInstanceOf(NotFoundException.class)
                .hasMessage(dir.resolve("nope") + ": no such agents folder");
    }
}
