package dev.cfn.agents.process;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

/**
 * Makes sure no agent process outlives its run or cfn. Every agent process carries a run marker in
 * its environment ({@link AgentEnvironment#RUN_MARKER}), which its children inherit even when they
 * detach (a background {@code sleep 300 &}, a double fork, a new session). When a run ends, its
 * marker is swept: processes whose {@code /proc/PID/environ} carries it are killed. Sweeps run in
 * the background (one scan serves every run that ended meanwhile), off the result's path; {@link
 * #awaitSweeps()} waits for them. A JVM shutdown hook (Ctrl-C, SIGTERM, exit) kills live agent
 * trees and sweeps every marker. One per JVM; thread-safe.
 */
public final class ProcessReaper {
    private static final ProcessReaper GLOBAL = new ProcessReaper(Path.of("/proc"));
    private static final byte[] MARKER = (AgentEnvironment.RUN_MARKER + "=").getBytes(StandardCharsets.US_ASCII);
    private static final int MAX_ROUNDS = 5;

    private final Path proc;
    private final AtomicLong counter = new AtomicLong();
    private final Map<String, ProcessHandle> live = new ConcurrentHashMap<>();
    private final Set<String> issued = ConcurrentHashMap.newKeySet();
    private final Map<String, AutoCloseable> cleanups = new ConcurrentHashMap<>();
    private final Set<String> pending = new HashSet<>();
    private final long self = ProcessHandle.current().pid();
    private boolean sweeping;
    private boolean hooked;

    ProcessReaper(Path proc) {
        this.proc = proc;
    }

    public static ProcessReaper global() {
        return GLOBAL;
    }

    /**
     * A marker value unique in this JVM and across JVMs, for a process about to start. It counts from
     * now: a shutdown between the process's start and {@link #started} (a Ctrl-C while the JVM has
     * not yet been scheduled back after the fork) still sweeps it. {@link #finished} ends it, also
     * when the start failed.
     */
    String newToken() {
        hookOnce();
        String token = self + "-" + Long.toString(System.nanoTime(), 36) + "-" + counter.incrementAndGet();
        issued.add(token);
        return token;
    }

    /**
     * Tracks a started agent process until {@link #finished}; {@code cleanup} (e.g. its cgroups, may
     * be null) is closed once the run's processes are gone.
     */
    void started(String token, ProcessHandle process, AutoCloseable cleanup) {
        hookOnce();
        live.put(token, process);
        if (cleanup != null) {
            cleanups.put(token, cleanup);
        }
    }

    /** The run is over: sweep its marker in the background, then close its cleanup. */
    void finished(String token) {
        live.remove(token);
        issued.remove(token);
        synchronized (this) {
            pending.add(token);
            if (!sweeping) {
                sweeping = true;
                Thread.ofVirtual().name("cfn-reaper").start(this::sweepPending);
            }
        }
    }

    /** Waits until every run that has finished so far is swept. */
    public synchronized void awaitSweeps() throws InterruptedException {
        while (sweeping) {
            wait();
        }
    }

    private void sweepPending() {
        while (true) {
            Set<String> tokens;
            synchronized (this) {
                if (pending.isEmpty()) {
                    sweeping = false;
                    notifyAll();
                    return;
                }
                tokens = Set.copyOf(pending);
                pending.clear();
            }
            try {
                sweep(tokens);
            } catch (RuntimeException e) {
                // never let the sweeper die: the next run's sweep scans again
            }
            tokens.forEach(this::cleanUp);
        }
    }

    /** Kills every process whose environment carries one of {@code tokens}; repeats while it finds some. */
    void sweep(Set<String> tokens) {
        sweep(tokens::contains);
    }

    /**
     * Kills the agent processes a dead cfn process left behind (killed with -9, its shutdown hook
     * never ran): those whose marker it handed out, known by its pid prefix. Does nothing for a
     * live process, whose agents are its own business.
     *
     * @return how many processes were killed
     */
    public int sweepLeftoversOf(long pid) {
        if (pid == self || ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
            return 0;
        }
        String prefix = pid + "-";
        return sweep(marker -> marker.startsWith(prefix));
    }

    private int sweep(Predicate<String> markers) {
        int killed = 0;
        for (int round = 0; round < MAX_ROUNDS; round++) {
            List<ProcessHandle> found = marked(markers);
            if (found.isEmpty()) {
                break;
            }
            killed += found.size();
            found.forEach(ProcessHandle::destroyForcibly);
        }
        return killed;
    }

    /** Live processes carrying a marker that {@code markers} accepts (zombies have an empty environ). */
    List<ProcessHandle> marked(Predicate<String> markers) {
        List<ProcessHandle> found = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(proc)) {
            for (Path entry : entries) {
                long pid = pidOf(entry.getFileName().toString());
                String marker = pid > 0 && pid != self ? markerOf(entry) : null;
                if (marker != null && markers.test(marker)) {
                    ProcessHandle.of(pid).ifPresent(found::add);
                }
            }
        } catch (IOException e) {
            return found; // no /proc (not Linux): descendants are still killed on timeout
        }
        return found;
    }

    private static long pidOf(String name) {
        for (int i = 0; i < name.length(); i++) {
            if (!Character.isDigit(name.charAt(i))) {
                return -1;
            }
        }
        return name.isEmpty() || name.length() > 9 ? -1 : Long.parseLong(name);
    }

    private static String markerOf(Path processDir) {
        byte[] env;
        try {
            env = Files.readAllBytes(processDir.resolve("environ"));
        } catch (IOException | SecurityException e) {
            return null; // gone, or another user's
        }
        for (int start = 0; start < env.length; ) {
            int end = start;
            while (end < env.length && env[end] != 0) {
                end++;
            }
            if (startsWith(env, start, end)) {
                return new String(env, start + MARKER.length, end - start - MARKER.length, StandardCharsets.US_ASCII);
            }
            start = end + 1;
        }
        return null;
    }

    private static boolean startsWith(byte[] env, int start, int end) {
        if (end - start < MARKER.length) {
            return false;
        }
        for (int i = 0; i < MARKER.length; i++) {
            if (env[start + i] != MARKER[i]) {
                return false;
            }
        }
        return true;
    }

    private synchronized void hookOnce() {
        if (!hooked) {
            hooked = true;
            Runtime.getRuntime().addShutdownHook(new Thread(this::onShutdown, "cfn-agent-cleanup"));
        }
    }

    /** Kills every live agent tree and sweeps every marker this JVM has handed out and not yet swept. */
    void onShutdown() {
        Map<String, ProcessHandle> running = Map.copyOf(live);
        running.values().forEach(p -> ProcessTree.kill(p, Duration.ofMillis(500)));
        Set<String> tokens = new HashSet<>(running.keySet());
        tokens.addAll(issued);
        synchronized (this) {
            tokens.addAll(pending);
        }
        if (!tokens.isEmpty()) {
            sweep(tokens);
        }
        Set.copyOf(cleanups.keySet()).forEach(this::cleanUp);
    }

    private void cleanUp(String token) {
        AutoCloseable cleanup = cleanups.remove(token);
        if (cleanup != null) {
            try {
                cleanup.close();
            } catch (Exception e) {
                // best effort: a leftover empty cgroup folder is harmless
            }
        }
    }
}
