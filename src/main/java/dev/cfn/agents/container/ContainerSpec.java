package dev.cfn.agents.container;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One container to run: its image, its walls and its labels.
 *
 * @param name the container's name (unique; how cfn removes it)
 * @param workdir bind-mounted read-write at the same absolute path, and the current folder
 * @param readOnly further paths bind-mounted read-only at the same absolute path (a program beside
 *     a definition outside the workdir, a prompt file)
 * @param network false: {@code --network none}
 * @param memoryBytes {@code --memory} (and the same {@code --memory-swap}: no swap), or null
 * @param cpus {@code --cpus}, or null
 * @param pids {@code --pids-limit}
 * @param labels e.g. {@code cfn.run=<run-id>}, {@code cfn.agent=<agent-id>}
 * @param envNames variables passed by name ({@code -e NAME}): the engine client reads each value
 *     from its own environment, so no value is on a command line
 */
public record ContainerSpec(
        String name,
        String image,
        Path workdir,
        List<Path> readOnly,
        boolean network,
        Long memoryBytes,
        Double cpus,
        int pids,
        Map<String, String> labels,
        List<String> envNames) {
    public ContainerSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(workdir, "workdir");
        readOnly = List.copyOf(readOnly);
        labels = Map.copyOf(labels);
        envNames = List.copyOf(envNames);
        if (pids < 1) {
            throw new IllegalArgumentException("pids must be >= 1, but was " + pids);
        }
    }
}
