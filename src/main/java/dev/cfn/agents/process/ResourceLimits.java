package dev.cfn.agents.process;

import dev.cfn.RetriableException;
import dev.cfn.agents.AgentDefinition;
import dev.cfn.agents.Quantities;
import dev.cfn.agents.RuntimeKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Which memory and CPU limits this machine can enforce on command agents, detected once: cgroup v1
 * memory and cpu groups when they can be made below cfn's own group; else a delegated cgroup v2
 * subtree ({@link CgroupV2}: one group per run with {@code memory.max} and {@code cpu.max}); else a
 * transient {@code systemd-run --scope} where systemd manages the machine; else {@code prlimit --as}
 * for memory (not for JVM commands: an address-space limit stops a JVM from starting) and {@code
 * taskset} for CPUs. Thread-safe and immutable.
 */
public final class ResourceLimits {
    static final long CFS_PERIOD_US = 100_000;
    private static final Path PRLIMIT = Path.of("/usr/bin/prlimit");
    private static final Path TASKSET = Path.of("/usr/bin/taskset");
    private static final Path SYSTEMD_RUN = Path.of("/usr/bin/systemd-run");

    private final Path memoryGroup;
    private final Path cpuGroup;
    private final boolean prlimit;
    private final boolean taskset;
    private final int cpusAvailable;
    private final Path memoryV2;
    private final Path cpuV2;
    private final boolean systemdRun;

    ResourceLimits(Path memoryGroup, Path cpuGroup, boolean prlimit, boolean taskset, int cpusAvailable) {
        this(memoryGroup, cpuGroup, null, null, false, prlimit, taskset, cpusAvailable);
    }

    /**
     * @param memoryV2 a delegated cgroup v2 folder handing down {@code memory}, or null
     * @param cpuV2 a delegated cgroup v2 folder handing down {@code cpu}, or null
     * @param systemdRun systemd manages this machine and {@code systemd-run --scope} is there
     */
    ResourceLimits(
            Path memoryGroup,
            Path cpuGroup,
            Path memoryV2,
            Path cpuV2,
            boolean systemdRun,
            boolean prlimit,
            boolean taskset,
            int cpusAvailable) {
        this.memoryGroup = memoryGroup;
        this.cpuGroup = cpuGroup;
        this.memoryV2 = memoryV2;
        this.cpuV2 = cpuV2;
        this.systemdRun = systemdRun;
        this.prlimit = prlimit;
        this.taskset = taskset;
        this.cpusAvailable = cpusAvailable;
    }

    private static final class Detected {
        static final ResourceLimits INSTANCE = new ResourceLimits(
                CgroupV1.writableGroup("memory", "memory.limit_in_bytes", Long.toString(64L << 20)),
                CgroupV1.writableGroup("cpu", "cpu.cfs_quota_us", Long.toString(CFS_PERIOD_US)),
                CgroupV2.delegatedGroup("memory", "memory.max", Long.toString(64L << 20), System.getenv()),
                CgroupV2.delegatedGroup("cpu", "cpu.max", CFS_PERIOD_US + " " + CFS_PERIOD_US, System.getenv()),
                Files.isDirectory(Path.of("/run/systemd/system")) && Files.isExecutable(SYSTEMD_RUN),
                Files.isExecutable(PRLIMIT),
                Files.isExecutable(TASKSET),
                Runtime.getRuntime().availableProcessors());
    }

    /** The mechanisms of this machine (probed on first call, a few file operations). */
    public static ResourceLimits detect() {
        return Detected.INSTANCE;
    }

    /** Only a mechanism that never applies: for tests and for machines without any. */
    static ResourceLimits none() {
        return new ResourceLimits(null, null, false, false, Runtime.getRuntime().availableProcessors());
    }

    /** What this machine enforces of {@code definition}'s memory, cpus and timeout. */
    public List<EnforcedLimit> describe(AgentDefinition definition) {
        String timeout = Quantities.format(definition.effectiveTimeout());
        if (definition.runtime() == RuntimeKind.ANTHROPIC || definition.runtime() == RuntimeKind.OPENAI) {
            String na =
                    "not applicable: an API agent runs inside cfn, not as a process (its Bash commands are limited)";
            return List.of(
                    new EnforcedLimit("memory", definition.memory(), false, na),
                    new EnforcedLimit("cpus", cpusText(definition), false, na),
                    new EnforcedLimit("timeout", timeout, true, "the request is cancelled at the deadline"));
        }
        if (definition.inContainer()) {
            return inContainer(definition, timeout);
        }
        return List.of(
                memory(definition),
                cpus(definition),
                new EnforcedLimit(
                        "timeout", timeout, true, "the whole process tree is ended (TERM, then KILL after a grace)"));
    }

    /** {@code sandbox: container}: the engine enforces memory, cpus and pids in the container's own cgroup. */
    private static List<EnforcedLimit> inContainer(AgentDefinition d, String timeout) {
        EnforcedLimit memory = d.memory() == null
                ? new EnforcedLimit("memory", null, false, "no limit requested")
                : new EnforcedLimit(
                        "memory",
                        d.memory(),
                        true,
                        "the container engine: --memory=" + Quantities.memoryBytes(d.memory())
                                + " --memory-swap (same: no swap)");
        EnforcedLimit cpus = d.cpus() == null
                ? new EnforcedLimit("cpus", null, false, "no limit requested")
                : new EnforcedLimit("cpus", cpusText(d), true, "the container engine: --cpus=" + d.cpus());
        int pids = d.pids() == null ? ContainerSandbox.DEFAULT_PIDS : d.pids();
        return List.of(
                memory,
                cpus,
                new EnforcedLimit(
                        "pids",
                        Integer.toString(pids),
                        true,
                        "the container engine: --pids-limit=" + pids + (d.pids() == null ? " (default)" : "")),
                new EnforcedLimit(
                        "timeout",
                        timeout,
                        true,
                        "removing the container (TERM, then KILL after a grace, then rm -f)"));
    }

    private EnforcedLimit memory(AgentDefinition d) {
        if (d.memory() == null) {
            return new EnforcedLimit("memory", null, false, "no limit requested");
        }
        long bytes = Quantities.memoryBytes(d.memory());
        if (memoryGroup != null) {
            return new EnforcedLimit(
                    "memory",
                    d.memory(),
                    true,
                    "cgroup v1 memory.limit_in_bytes=" + bytes + " in a group below " + memoryGroup);
        }
        if (memoryV2 != null) {
            return new EnforcedLimit(
                    "memory",
                    d.memory(),
                    true,
                    "cgroup v2 memory.max=" + bytes + " in a delegated group below " + memoryV2);
        }
        if (systemdRun) {
            return new EnforcedLimit(
                    "memory",
                    d.memory(),
                    true,
                    "systemd-run --scope -p MemoryMax=" + bytes + " (a transient scope systemd limits)");
        }
        if (prlimit && !isJvm(d.command())) {
            return new EnforcedLimit(
                    "memory",
                    d.memory(),
                    true,
                    "prlimit --as=" + bytes + " (address space of the command and its children)");
        }
        return new EnforcedLimit(
                "memory",
                d.memory(),
                false,
                prlimit
                        ? "not enforced: no writable cgroup, and prlimit --as would stop a JVM command from starting"
                        : "not enforced: no writable cgroup and no prlimit on this machine");
    }

    private EnforcedLimit cpus(AgentDefinition d) {
        if (d.cpus() == null) {
            return new EnforcedLimit("cpus", null, false, "no limit requested");
        }
        if (cpuGroup != null) {
            return new EnforcedLimit(
                    "cpus",
                    cpusText(d),
                    true,
                    "cgroup v1 cpu.cfs_quota_us=" + quotaUs(d.cpus()) + " per cpu.cfs_period_us=" + CFS_PERIOD_US
                            + " in a group below " + cpuGroup);
        }
        if (cpuV2 != null) {
            return new EnforcedLimit(
                    "cpus",
                    cpusText(d),
                    true,
                    "cgroup v2 cpu.max=\"" + quotaUs(d.cpus()) + " " + CFS_PERIOD_US + "\" in a delegated group below "
                            + cpuV2);
        }
        if (systemdRun) {
            return new EnforcedLimit(
                    "cpus",
                    cpusText(d),
                    true,
                    "systemd-run --scope -p CPUQuota=" + cpuPercent(d.cpus()) + "% (a transient scope systemd limits)");
        }
        int whole = (int) Math.ceil(d.cpus());
        if (taskset && whole < cpusAvailable) {
            return new EnforcedLimit(
                    "cpus",
                    cpusText(d),
                    true,
                    "taskset -c 0-" + (whole - 1) + " (" + whole + " of " + cpusAvailable + " CPUs; whole CPUs only)");
        }
        return new EnforcedLimit(
                "cpus",
                cpusText(d),
                false,
                taskset
                        ? "not enforced: no writable cgroup, and " + whole + " CPUs is not fewer than the "
                                + cpusAvailable + " available"
                        : "not enforced: no writable cgroup and no taskset on this machine");
    }

    /**
     * Prepares the limits of one run: makes its cgroups (named after {@code token}) and gives the
     * argv that applies them.
     *
     * @throws RetriableException when a cgroup that was detected as usable cannot be made now
     */
    LimitedLaunch prepare(AgentDefinition d, String token) {
        List<Path> groups = new ArrayList<>();
        List<String> prefix = new ArrayList<>();
        LimitedLaunch launch = new LimitedLaunch(groups, prefix);
        try {
            prepareV2(d, token, groups, launch);
            List<String> scope = new ArrayList<>();
            if (d.memory() != null) {
                long bytes = Quantities.memoryBytes(d.memory());
                if (memoryGroup == null && memoryV2 != null) {
                    // in the v2 group made above
                } else if (memoryGroup == null && systemdRun) {
                    scope.addAll(List.of("-p", "MemoryMax=" + bytes, "-p", "MemorySwapMax=0"));
                } else if (memoryGroup != null) {
                    Path g = makeGroup(memoryGroup, token, groups);
                    Files.writeString(g.resolve("memory.limit_in_bytes"), Long.toString(bytes));
                    tryWrite(g.resolve("memory.memsw.limit_in_bytes"), Long.toString(bytes));
                    launch.memoryGroup(g);
                } else if (prlimit && !isJvm(d.command())) {
                    prefix.addAll(List.of(PRLIMIT.toString(), "--as=" + bytes, "--"));
                }
            }
            if (d.cpus() != null) {
                if (cpuGroup == null && cpuV2 != null) {
                    // in the v2 group made above
                } else if (cpuGroup == null && systemdRun) {
                    scope.addAll(List.of("-p", "CPUQuota=" + cpuPercent(d.cpus()) + "%"));
                } else if (cpuGroup != null) {
                    Path g = makeGroup(cpuGroup, token, groups);
                    Files.writeString(g.resolve("cpu.cfs_period_us"), Long.toString(CFS_PERIOD_US));
                    Files.writeString(g.resolve("cpu.cfs_quota_us"), Long.toString(quotaUs(d.cpus())));
                } else if (taskset && Math.ceil(d.cpus()) < cpusAvailable) {
                    prefix.addAll(List.of(TASKSET.toString(), "-c", "0-" + ((int) Math.ceil(d.cpus()) - 1)));
                }
            }
            if (!scope.isEmpty()) {
                List<String> run = new ArrayList<>(List.of(SYSTEMD_RUN.toString(), "--scope", "--quiet", "--collect"));
                if (!"root".equals(System.getProperty("user.name"))) {
                    run.add("--user");
                }
                run.addAll(scope);
                run.add("--");
                prefix.addAll(0, run);
                launch.killedMeansOutOfMemory(scope.stream().anyMatch(p -> p.startsWith("MemoryMax=")));
            }
            return launch;
        } catch (IOException e) {
            launch.close();
            throw new RetriableException(
                    "cannot set the resource limits of agent " + d.name() + ": " + e.getMessage(), e);
        }
    }

    /**
     * cgroup v2 holds a process in one group only: one group per run, below the delegated folder,
     * with each v2 limit the definition asks for (v1 groups, when detected, still take theirs).
     */
    private void prepareV2(AgentDefinition d, String token, List<Path> groups, LimitedLaunch launch)
            throws IOException {
        boolean memory = d.memory() != null && memoryGroup == null && memoryV2 != null;
        boolean cpu = d.cpus() != null && cpuGroup == null && cpuV2 != null;
        if (!memory && !cpu) {
            return;
        }
        Path g = makeGroup(memory ? memoryV2 : cpuV2, token, groups);
        if (memory) {
            Files.writeString(g.resolve("memory.max"), Long.toString(Quantities.memoryBytes(d.memory())));
            tryWrite(g.resolve("memory.swap.max"), "0");
            launch.memoryGroupV2(g);
        }
        if (cpu && (memory ? CgroupV2.delegates(memoryV2, "cpu") : true)) {
            Files.writeString(g.resolve("cpu.max"), quotaUs(d.cpus()) + " " + CFS_PERIOD_US);
        }
    }

    private static long cpuPercent(double cpus) {
        return Math.max(1, Math.round(cpus * 100));
    }

    private static Path makeGroup(Path parent, String token, List<Path> groups) throws IOException {
        Path g = Files.createDirectory(parent.resolve("cfn-" + token));
        groups.add(g);
        return g;
    }

    private static void tryWrite(Path file, String value) {
        try {
            Files.writeString(file, value);
        } catch (IOException e) {
            // no swap accounting on this kernel: the memory limit alone applies
        }
    }

    private static long quotaUs(double cpus) {
        return Math.max(1000, Math.round(cpus * CFS_PERIOD_US));
    }

    private static String cpusText(AgentDefinition d) {
        return d.cpus() == null
                ? null
                : (d.cpus() == Math.rint(d.cpus())
                        ? Long.toString(Math.round(d.cpus()))
                        : d.cpus().toString());
    }

    /** A JVM cannot start under an address-space limit: java itself, or cfn's own launcher. */
    static boolean isJvm(List<String> command) {
        if (command.isEmpty()) {
            return false;
        }
        String program = Path.of(command.get(0)).getFileName().toString();
        return program.equals("java") || program.equals("cfn") || command.contains("-jar");
    }
}
