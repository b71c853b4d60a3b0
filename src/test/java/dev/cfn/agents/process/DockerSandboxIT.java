package dev.cfn.agents.process;

/**
 * The tests of {@link ContainerSandboxIT} on docker ({@code container.engine=docker}): skipped with
 * the reason when no docker client is on {@code PATH} or no docker daemon answers.
 */
class DockerSandboxIT extends ContainerSandboxIT {
    @Override
    String engineName() {
        return "docker";
    }
}
