package dev.cfn.cli.loop;

/**
 * The tests of {@link LoopContainerIT} with {@code container.engine=docker} in the home's config:
 * skipped with the reason when no docker client is on {@code PATH} or no docker daemon answers.
 */
class DockerLoopContainerIT extends LoopContainerIT {
    @Override
    String engineName() {
        return "docker";
    }
}
