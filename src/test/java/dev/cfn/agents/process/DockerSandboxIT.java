package dev.cfn.agents.process;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cfn.agents.container.TestImage;
import org.junit.jupiter.api.Test;

/**
 * The tests of {@link ContainerSandboxIT} on docker ({@code container.engine=docker}): skipped with
 * the reason when no docker client is on {@code PATH} or no docker daemon answers.
 */
class DockerSandboxIT extends ContainerSandboxIT {
    @Override
    String engineName() {
        return "docker";
    }

    @Test
    void the_engines_version_names_the_client_and_the_daemon_it_talks_to() {
        assertThat(TestImage.engine("docker").version()).matches("Docker version \\S+, build \\S+; daemon \\d+\\.\\S+");
    }
}
