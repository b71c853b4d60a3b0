package dev.cfn.agents.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The resource limits of one run: cgroups to join before the command starts, and a command prefix
 * ({@code prlimit}, {@code taskset}). Closing it ends whatever is left in its groups and removes
 * them.
 */
final class LimitedLaunch implements AutoCloseable {
    /** Joins each group given, then becomes the command: no window where a fork escapes the limit. */
    private static final String JOIN =
            "n=$1; shift; while [ \"$n\" -gt 0 ]; do echo $$ > \"$1/cgroup.procs\" || exit 126;"
                    + " shift; n=$((n-1)); done; exec \"$@\"";

    private final List<Path> groups;
    private final List<String> prefix;
    private Path memoryGroup;
    private Path memoryGroupV2;
    private boolean killedMeansOutOfMemory;

    LimitedLaunch(List<Path> groups, List<String> prefix) {
        this.groups = groups;
        this.prefix = prefix;
    }

    /** No limits: for a process whose container enforces them. */
    static LimitedLaunch none() {
        return new LimitedLaunch(List.of(), List.of());
    }

    void memoryGroup(Path group) {
        this.memoryGroup = group;
    }

    /** The run's cgroup v2 group, whose {@code memory.events} counts OOM kills. */
    void memoryGroupV2(Path group) {
        this.memoryGroupV2 = group;
    }

    /** A memory limit applies that a KILL (exit 137) reports, without a counter to read (systemd-run's scope). */
    void killedMeansOutOfMemory(boolean value) {
        this.killedMeansOutOfMemory = value;
    }

    /** As {@link #memoryExceeded()}, also counting an exit of 137 (KILL) under a limit with no counter. */
    boolean memoryExceeded(int exit) {
        return (killedMeansOutOfMemory && exit == 137) || memoryExceeded();
    }

    boolean isEmpty() {
        return groups.isEmpty() && prefix.isEmpty();
    }

    /** The argv that runs {@code command} under these limits. */
    List<String> wrap(List<String> command) {
        List<String> argv = new ArrayList<>();
        if (!groups.isEmpty()) {
            argv.addAll(List.of("/bin/sh", "-c", JOIN, "cfn-limits", Integer.toString(groups.size())));
            groups.forEach(g -> argv.add(g.toString()));
        }
        argv.addAll(prefix);
        argv.addAll(command);
        return argv;
    }

    /** True when the run hit its cgroup memory limit (the kernel's OOM killer ended something). */
    boolean memoryExceeded() {
        if (memoryGroupV2 != null) {
            try {
                for (String line : Files.readAllLines(memoryGroupV2.resolve("memory.events"))) {
                    if (line.startsWith("oom_kill ") && !line.endsWith(" 0")) {
                        return true;
                    }
                }
            } catch (IOException e) {
                return false;
            }
            return false;
        }
        if (memoryGroup == null) {
            return false;
        }
        try {
            for (String line : Files.readAllLines(memoryGroup.resolve("memory.oom_control"))) {
                if (line.startsWith("oom_kill ") && !line.endsWith(" 0")) {
                    return true;
                }
            }
            return !Files.readString(memoryGroup.resolve("memory.failcnt"))
                    .strip()
                    .equals("0");
        } catch (IOException e) {
            return false;
        }
    }

    /** Kills what is left in the groups and removes them (best effort, a few quick tries). */
    @Override
    public void close() {
        for (Path group : groups) {
            for (int attempt = 0; attempt < 5 && Files.isDirectory(group); attempt++) {
                killMembers(group);
                try {
                    Files.deleteIfExists(group);
                } catch (IOException e) {
                    // members still exiting: try again
                }
            }
        }
    }

    private static void killMembers(Path group) {
        List<ProcessHandle> members = new ArrayList<>();
        try {
            for (String pid : Files.readAllLines(group.resolve("cgroup.procs"))) {
                if (!pid.isBlank()) {
                    ProcessHandle.of(Long.parseLong(pid.strip())).ifPresent(members::add);
                }
            }
        } catch (IOException | NumberFormatException e) {
            return; // the group is going away
        }
        members.forEach(ProcessHandle::destroyForcibly);
        for (ProcessHandle member : members) {
            try {
                member.onExit().get(1, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (ExecutionException | TimeoutException e) {
                // the next attempt reads the members again
            }
        }
    }
}
