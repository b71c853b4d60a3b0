package dev.cfn.agents.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * cgroup v2 (the unified hierarchy of current distributions): finds a delegated subtree where agents'
 * groups can be made with a controller's limit, either the folder {@code CFN_CGROUP_ROOT} names or
 * this process's own group, provided its {@code cgroup.subtree_control} already lists the
 * controller (v2 puts a process in one group only, and a group with processes cannot hand
 * controllers down, so cfn uses a subtree someone delegated rather than reshaping its own).
 */
final class CgroupV2 {
    /** Names a delegated cgroup v2 folder for agents' groups (e.g. {@code /sys/fs/cgroup/cfn}). */
    static final String ROOT_VARIABLE = "CFN_CGROUP_ROOT";

    private CgroupV2() {}

    /** The delegated folder for {@code controller} ("memory", "cpu"), or null; see the class comment. */
    static Path delegatedGroup(String controller, String limitFile, String probeValue, Map<String, String> env) {
        try {
            String named = env.get(ROOT_VARIABLE);
            Path base = named != null && !named.isBlank()
                    ? Path.of(named.strip())
                    : ownGroup(
                            Files.readAllLines(Path.of("/proc/self/cgroup")),
                            Files.readAllLines(Path.of("/proc/self/mountinfo")));
            return base != null && delegates(base, controller) && probe(base, limitFile, probeValue) ? base : null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** The mount point of the cgroup2 hierarchy plus this process's path in it ({@code 0::/path}), or null. */
    static Path ownGroup(List<String> cgroupLines, List<String> mountInfo) {
        String own = null;
        for (String line : cgroupLines) {
            if (line.startsWith("0::")) {
                own = line.substring(3);
            }
        }
        if (own == null) {
            return null;
        }
        for (String line : mountInfo) {
            String[] halves = line.split(" - ", 2);
            String[] left = halves[0].split(" ");
            String[] right = halves.length == 2 ? halves[1].split(" ") : new String[0];
            if (right.length >= 1 && right[0].equals("cgroup2") && left.length >= 5 && own.startsWith(left[3])) {
                String relative = own.substring(left[3].length()).replaceFirst("^/+", "");
                return Path.of(left[4]).resolve(relative);
            }
        }
        return null;
    }

    /** True when {@code group} hands {@code controller} down to the groups below it. */
    static boolean delegates(Path group, String controller) {
        try {
            return List.of(Files.readString(group.resolve("cgroup.subtree_control"))
                            .strip()
                            .split("\\s+"))
                    .contains(controller);
        } catch (IOException e) {
            return false;
        }
    }

    /** What {@code group} hands down, for a "why not" message. */
    static String subtreeControl(Path group) {
        try {
            return Files.readString(group.resolve("cgroup.subtree_control")).strip();
        } catch (IOException e) {
            return "(unreadable)";
        }
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
