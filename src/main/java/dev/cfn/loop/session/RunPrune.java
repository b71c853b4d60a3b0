package dev.cfn.loop.session;

import dev.cfn.git.GitException;
import dev.cfn.git.RunWorktrees;
import dev.cfn.loop.RunRecord;
import dev.cfn.loop.RunStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * {@code cfn loop prune}: removes what old runs left under the home: their logs and transcripts
 * ({@code <home>/logs/<run-id>}), their worktrees ({@code <home>/worktrees/<run-id>}, unregistered
 * from the repository they belong to), and optionally their rows. A folder there that belongs to no
 * stored run (e.g. {@code cfn agent run}'s) goes too once it was last changed before the cutoff. A run
 * driven now is never touched.
 */
public final class RunPrune {
    private RunPrune() {}

    /**
     * What a prune freed.
     *
     * @param runs the runs whose files went (and rows, when {@code rowsDeleted} > 0)
     * @param folders other folders removed (no stored run)
     */
    public record Freed(List<String> runs, List<String> folders, long logBytes, long worktreeBytes, int rowsDeleted) {
        public Freed {
            runs = List.copyOf(runs);
            folders = List.copyOf(folders);
        }
    }

    /**
     * @param cutoffMs runs last touched before this (epoch ms) are pruned
     * @param now the time now (epoch ms): a run with a heartbeat fresher than a stale one is driven now
     * @param rows also delete the runs' rows
     */
    public static Freed prune(RunStore store, Path home, long cutoffMs, long now, boolean rows) {
        List<String> runs = store.untouchedSince(cutoffMs, now);
        Path logs = home.resolve("logs");
        Path worktrees = home.resolve("worktrees");
        long logBytes = 0;
        long treeBytes = 0;
        List<String> freed = new ArrayList<>();
        for (String id : runs) {
            boolean had = Files.exists(logs.resolve(id)) || Files.exists(worktrees.resolve(id));
            logBytes += delete(logs.resolve(id));
            treeBytes += removeWorktrees(store, home, worktrees, id);
            if (had || rows) {
                freed.add(id);
            }
        }
        Set<String> pruned = new LinkedHashSet<>(runs);
        List<String> others = new ArrayList<>();
        for (Path dir : strays(logs, pruned, store, cutoffMs)) {
            others.add(home.relativize(dir).toString());
            logBytes += delete(dir);
        }
        for (Path dir : strays(worktrees, pruned, store, cutoffMs)) {
            others.add(home.relativize(dir).toString());
            treeBytes += RunWorktrees.removeFolder(dir);
        }
        int deleted = rows ? store.delete(runs) : 0;
        return new Freed(freed, others, logBytes, treeBytes, deleted);
    }

    private static long removeWorktrees(RunStore store, Path home, Path worktrees, String id) {
        Path folder = worktrees.resolve(id);
        if (!Files.isDirectory(folder)) {
            return 0;
        }
        long size = sizeOf(folder);
        RunRecord run = store.run(id).orElse(null);
        try {
            if (run != null) {
                RunWorktrees.of(Path.of(run.settings().workdir()), worktrees, id, List.of(home))
                        .remove();
                return size;
            }
        } catch (GitException e) {
            // the workdir is gone or no repository any more: the folder alone goes below
        }
        RunWorktrees.removeFolder(folder);
        return size;
    }

    /** Folders of {@code parent} that belong to no stored run and were last changed before the cutoff. */
    private static List<Path> strays(Path parent, Set<String> pruned, RunStore store, long cutoffMs) {
        if (!Files.isDirectory(parent)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(parent)) {
            return s.filter(Files::isDirectory)
                    .filter(d -> !pruned.contains(d.getFileName().toString()))
                    .filter(d -> lastModified(d) < cutoffMs)
                    .filter(d -> !store.exists(d.getFileName().toString()))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + parent + ": " + e.getMessage(), e);
        }
    }

    private static long lastModified(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.mapToLong(p -> p.toFile().lastModified()).max().orElse(0);
        } catch (IOException | UncheckedIOException e) {
            return Long.MAX_VALUE; // unreadable: leave it
        }
    }

    private static long delete(Path dir) {
        if (!Files.exists(dir)) {
            return 0;
        }
        long size = sizeOf(dir);
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove " + dir + ": " + e.getMessage(), e);
        }
        return size;
    }

    private static long sizeOf(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile)
                    .mapToLong(p -> p.toFile().length())
                    .sum();
        } catch (IOException | UncheckedIOException e) {
            return 0;
        }
    }
}
