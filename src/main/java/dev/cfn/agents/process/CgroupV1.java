package dev.cfn.agents.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Finds this process's own folder in a cgroup v1 hierarchy (from /proc/self/cgroup and
 * /proc/self/mountinfo) and checks that child groups can be made there with a limit written. Agents'
 * groups are made below this process's own group, so they stay inside whatever limits apply to cfn.
 */
final class CgroupV1 {
    private CgroupV1() {}

    /**
     * The folder of this process's group for {@code controller} ("memory", "cpu") when a child group
     * with {@code limitFile} written can be made there; null otherwise.
     */
    static Path writableGroup(String controller, String limitFile, String probeValue) {
        try {
            Path dir = ownGroup(
                    controller,
                    Files.readAllLines(Path.of("/proc/self/cgroup")),
                    Files.readAllLines(Path.of("/proc/self/mountinfo")));
            return dir != null && probe(dir, limitFile, probeValue) ? dir : null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** The mount point plus this process's path in the hierarchy that has {@code controller}, or null. */
    static Path ownGroup(String controller, List<String> cgroupLines, List<String> mountInfo) {
        String own = null;
        for (String line : cgroupLines) {
            String[] f = line.split(":", 3);
            if (f.length == 3 && List.of(f[1].split(",")).contains(controller)) {
                own = f[2];
            }
        }
        if (own == null) {
            return null;
        }
        for (String line : mountInfo) {
            String[] halves = line.split(" - ", 2);
            String[] left = halves[0].split(" ");
            String[] right = halves.length == 2 ? halves[1].split(" ") : new String[0];
            if (right.length >= 3
                    && right[0].equals("cgroup")
                    && left.length >= 5
                    && List.of(right[2].split(",")).contains(controller)) {
                String root = left[3];
                if (own.startsWith(root)) {
                    String relative = own.substring(root.length()).replaceFirst("^/+", "");
                    return Path.of(left[4]).resolve(relative);
                }
            }
        }
        return null;
    }

    private static boolean probe(Path dir, String limitFile, String value) {
        Path child = dir.resolve("cfn-probe-" + ProcessHandle.current().pid() + "-" + System.nanoTime());
        try {
            Files.createDirectory(child);
            try {
                Files.writeString(child.resolve(limitFile), value);
                return Files.isWritable(child.resolve("cgroup.procs"));
            } finally {
                Files.deleteIfExists(child);
            }
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }
}
