package dev.cfn.agents.definition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cfn.agents.AgentDefinition;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The front-matter keys of {@code sandbox: container}: read, defaulted, and rejected with the line. */
class SandboxKeysTest {
    private static final Path PATH = Path.of("agents/x.md");
    private final AgentDefinitionParser parser = new AgentDefinitionParser();

    private AgentDefinition agent(String front) {
        return ((ParsedAgentFile.Agent) parser.parse(
                        PATH, "---\nname: a\ndescription: d\ncommand: ./a.sh\n" + front + "\n---\nDo it.\n"))
                .definition();
    }

    @Test
    void sandbox_image_network_and_pids_are_read() {
        AgentDefinition d = agent("sandbox: container\nimage: localhost/box:1\nnetwork: true\npids: 64");

        assertThat(d.inContainer()).isTrue();
        assertThat(d.image()).isEqualTo("localhost/box:1");
        assertThat(d.network()).isTrue();
        assertThat(d.pids()).isEqualTo(64);
    }

    @Test
    void without_the_keys_the_agent_runs_on_the_host_with_the_network_off_by_default() {
        AgentDefinition d = agent("role: implementer");

        assertThat(d.inContainer()).isFalse();
        assertThat(d.image()).isNull();
        assertThat(d.network()).isFalse();
        assertThat(d.pids()).isNull();
        assertThat(d.withExtra("sandbox", "container").inContainer())
                .as("--sandbox container")
                .isTrue();
        assertThat(agent("sandbox: container").withExtra("sandbox", "none").inContainer())
                .as("--sandbox none")
                .isFalse();
    }

    @Test
    void bad_values_name_the_key_and_its_line() {
        assertThatThrownBy(() -> agent("sandbox: docker"))
                .hasMessage("agents/x.md:5: front matter 'sandbox' must be one of none, container, but was 'docker'");
        assertThatThrownBy(() -> agent("network: maybe"))
                .hasMessage("agents/x.md:5: front matter 'network' must be true or false, but was 'maybe'");
        assertThatThrownBy(() -> agent("pids: 0"))
                .hasMessage("agents/x.md:5: front matter 'pids' must be a whole number from 1 to 1000000, but was '0'");
        assertThatThrownBy(() -> agent("image: \"two words\""))
                .hasMessage("agents/x.md:5: front matter 'image' must be an image name such as debian:bookworm, but was"
                        + " 'two words'");
    }
}
