package dev.cfn.git;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * A folder's files carried to a machine that does not share its disk, as git bundles (bytes that
 * travel in a queue entry), and the files the agent changed there carried back. The orchestrator
 * takes a {@link #snapshot} (the folder as it is, uncommitted changes too, as a commit no branch
 * points at); a worker keeps its own clone per project under its home, {@link #checkout checks the
 * commit out} in a worktree, and after the agent {@link Checkout#finish() finishes} commits its
 * changes (as cfn) and bundles just that commit; the orchestrator {@link #apply applies} it to the
 * folder. Thread-safe.
 */
public final class GitTransfer {
    private static final Map<Path, Object> CLONE_LOCKS = new ConcurrentHashMap<>();

    private GitTransfer() {}

    /**
     * What a worker needs to rebuild a folder: the project (its first commit names it), the commit,
     * the folder's place in the repository, and a bundle holding the commit.
     */
    public record Snapshot(String project, String commit, String prefix, byte[] bundle) {}

    /**
     * The folder {@code dir} as it is now, as a commit on top of HEAD; paths under {@code excluded}
     * (cfn's home) are left out. Changes no branch, index or file of the folder.
     *
     * @return empty when {@code dir} is not in a git repository with a commit (use a shared folder)
     */
    public static Optional<Snapshot> snapshot(Path dir, String name, List<Path> excluded) {
        Git here = Git.at(dir);
        if (!here.isRepository() || here.head().isEmpty()) {
            return Optional.empty();
        }
        Path top = here.topLevel().toAbsolutePath().normalize();
        Git git = Git.at(top);
        Path index = temp("cfn-index-");
        Path bundle = temp("cfn-bundle-");
        String ref = "refs/cfn/transfer/" + name;
        try {
            Files.deleteIfExists(index);
            Map<String, String> env = Map.of("GIT_INDEX_FILE", index.toString());
            git.runWithEnv(env, "read-tree", "HEAD");
            List<String> add = new ArrayList<>(List.of("add", "--all", "--", "."));
            for (Path p : excluded) {
                Path abs = p.toAbsolutePath().normalize();
                if (abs.startsWith(top) && !abs.equals(top)) {
                    add.add(":(exclude)" + top.relativize(abs));
                }
            }
            git.runWithEnv(env, add.toArray(String[]::new));
            String tree = git.runWithEnv(env, "write-tree").strip();
            String commit = git.runWithEnv(env, "commit-tree", tree, "-p", "HEAD", "-m", "cfn: " + name)
                    .strip();
            git.run("update-ref", ref, commit);
            git.run("bundle", "create", "--quiet", bundle.toString(), ref);
            String project = git.run("rev-list", "--max-parents=0", "HEAD")
                    .lines()
                    .sorted()
                    .findFirst()
                    .orElse(commit);
            String prefix = top.relativize(dir.toAbsolutePath().normalize()).toString();
            return Optional.of(new Snapshot(project, commit, prefix, Files.readAllBytes(bundle)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot bundle " + top + ": " + e.getMessage(), e);
        } finally {
            git.tryRun("update-ref", "-d", ref);
            deleteQuietly(index);
            deleteQuietly(bundle);
        }
    }

    /**
     * On a worker: the snapshot's commit checked out in a new worktree {@code worktree}, from this
     * worker's clone of the project under {@code clones} (made on first use).
     */
    public static Checkout checkout(Path clones, Path worktree, String name, Snapshot snapshot) {
        Path clone = clones.resolve(snapshot.project()).toAbsolutePath().normalize();
        Path bundle = temp("cfn-bundle-");
        synchronized (CLONE_LOCKS.computeIfAbsent(clone, c -> new Object())) {
            try {
                Files.write(bundle, snapshot.bundle());
                Git git = Git.at(clone);
                if (!Files.isDirectory(clone.resolve(".git"))) {
                    Files.createDirectories(clone);
                    git.run("init", "--quiet");
                }
                String ref = "refs/cfn/tasks/" + name;
                git.run("fetch", "--quiet", bundle.toString(), "refs/cfn/transfer/" + name + ":" + ref);
                deleteTree(worktree);
                git.run("worktree", "prune");
                Files.createDirectories(worktree.getParent());
                git.run("worktree", "add", "--quiet", "--detach", worktree.toString(), snapshot.commit());
                git.run("update-ref", "-d", ref);
                return new Checkout(git, worktree, name, snapshot);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot check out into " + worktree + ": " + e.getMessage(), e);
            } finally {
                deleteQuietly(bundle);
            }
        }
    }

    /** A snapshot checked out on a worker, for one agent. */
    public static final class Checkout {
        private final Git clone;
        private final Path worktree;
        private final String name;
        private final Snapshot snapshot;

        private Checkout(Git clone, Path worktree, String name, Snapshot snapshot) {
            this.clone = clone;
            this.worktree = worktree;
            this.name = name;
            this.snapshot = snapshot;
        }

        /** The worktree: the repository's top as checked out here. */
        public Path root() {
            return worktree;
        }

        /** Where the agent works: the snapshot's folder inside the worktree. */
        public Path folder() {
            return snapshot.prefix().isEmpty() ? worktree : worktree.resolve(snapshot.prefix());
        }

        /**
         * Commits what the agent changed (as cfn), removes the worktree, and returns a bundle of that
         * one commit; empty when it changed nothing.
         */
        public Optional<byte[]> finish() {
            Path bundle = temp("cfn-bundle-");
            String ref = "refs/cfn/results/" + name;
            try {
                Git wt = Git.at(worktree);
                wt.run("add", "--all", "--", ".");
                if (wt.tryRun("diff", "--cached", "--quiet").ok()) {
                    return Optional.empty();
                }
                wt.runAsCfn("commit", "--quiet", "--no-verify", "-m", "cfn: " + name);
                String commit = wt.head().orElseThrow();
                clone.run("update-ref", ref, commit);
                clone.run("bundle", "create", "--quiet", bundle.toString(), ref, "^" + snapshot.commit());
                return Optional.of(Files.readAllBytes(bundle));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot bundle " + worktree + ": " + e.getMessage(), e);
            } finally {
                clone.tryRun("update-ref", "-d", ref);
                close();
                deleteQuietly(bundle);
            }
        }

        /** Removes the worktree (the clone stays for the next task). */
        public void close() {
            clone.tryRun("worktree", "remove", "--force", worktree.toString());
            deleteTree(worktree);
            clone.tryRun("worktree", "prune");
        }
    }

    /**
     * On the orchestrator: writes the files a worker's agent changed ({@code bundle}, made by {@link
     * Checkout#finish}) into {@code dir}, the folder {@code base} was a snapshot of. Added and changed
     * files are written byte for byte, deleted ones deleted; nothing is committed or staged.
     *
     * @return the paths changed, relative to the repository's top
     */
    public static List<String> apply(Path dir, String base, String name, byte[] bundle) {
        Path top = Git.at(dir).topLevel().toAbsolutePath().normalize();
        Git git = Git.at(top);
        Path file = temp("cfn-bundle-");
        String ref = "refs/cfn/transfer/" + name + "-result";
        try {
            Files.write(file, bundle);
            git.run("fetch", "--quiet", file.toString(), "refs/cfn/results/" + name + ":" + ref);
            String[] fields = git.run("diff", "--no-renames", "--name-status", "-z", base, ref)
                    .split("\0");
            List<String> changed = new ArrayList<>();
            List<String> written = new ArrayList<>(List.of("restore", "--source=" + ref, "--worktree", "--"));
            for (int i = 0; i + 1 < fields.length; i += 2) {
                String path = fields[i + 1];
                changed.add(path);
                if (fields[i].equals("D")) {
                    Files.deleteIfExists(top.resolve(path));
                } else {
                    written.add(":(literal)" + path);
                }
            }
            if (written.size() > 4) {
                git.run(written.toArray(String[]::new));
            }
            return changed;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot apply a worker's changes to " + top + ": " + e.getMessage(), e);
        } finally {
            git.tryRun("update-ref", "-d", ref);
            deleteQuietly(file);
        }
    }

    private static Path temp(String prefix) {
        try {
            return Files.createTempFile(prefix, ".tmp");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary file: " + e.getMessage(), e);
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // a temporary file: the system's tmp cleaner takes it
        }
    }

    private static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove " + dir + ": " + e.getMessage(), e);
        }
    }
}
