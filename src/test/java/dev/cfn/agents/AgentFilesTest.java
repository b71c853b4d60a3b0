package dev.cfn.agents;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The failure reason read from an agent's stderr log. */
class AgentFilesTest {
    @TempDir
    Path dir;

    private String lastLine(String log) throws Exception {
        Path file = Files.writeString(dir.resolve("agent.log"), log);
        return new AgentFiles(new byte[0], dir.resolve("agent.out"), file).lastLogLine();
    }

    @Test
    void the_last_non_blank_line_is_the_reason() throws Exception {
        assertThat(lastLine("starting\ncannot do it\n\n")).isEqualTo("cannot do it");
        assertThat(lastLine("  \n")).isNull();
    }

    @Test
    void a_docker_clients_closing_usage_hint_gives_way_to_the_error_above_it() throws Exception {
        // docker 28.x without a daemon, and docker 20.10 with an image it cannot find (what they print)
        assertThat(lastLine("docker: Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the"
                        + " docker daemon running?\n\nRun 'docker run --help' for more information\n"))
                .startsWith("docker: Cannot connect to the Docker daemon");
        assertThat(lastLine("Unable to find image 'x:1' locally\ndocker: Error response from daemon: pull access"
                        + " denied for x.\nSee 'docker run --help'.\n"))
                .isEqualTo("docker: Error response from daemon: pull access denied for x.");
        assertThat(lastLine("Run 'docker run --help' for more information\n"))
                .as("nothing above it: the hint is all there is")
                .isEqualTo("Run 'docker run --help' for more information");
    }
}
