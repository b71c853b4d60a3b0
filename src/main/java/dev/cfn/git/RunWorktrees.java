package dev.cfn.git;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The git side of one run whose implementers each work in their own worktree: the run branch
 * {@code cfn/<run-id>/run} checked out in the user's workdir, and per agent slot a worktree under
 * {@code <root>/<run-id>/<slot>} on the branch {@code cfn/<run-id>/agents/<slot>}. Every commit is
 * made as cfn ({@link Git#runAsCfn}), never as the user. Not thread-safe for one slot; different
 * slots may be prepared at once, merges are the caller's to serialise (they change the workdir).
 */
public final class RunWorktrees {
    private final Git repo;
    private final Path top;
    private final Path prefix;
    private final Path folder;
    private final String runId;
    private final List<Path> excluded;

    private RunWorktrees(Git repo, Path top, Path prefix, Path folder, String runId, List<Path> excluded) {
        this.repo = repo;
        this.top = top;
        this.prefix = prefix;
        this.folder = folder;
        this.runId = runId;
        this.excluded = List.copyOf(excluded);
    }

    /**
     * The worktrees of {@code runId} for the repository {@code workdir} is in, kept under {@code
     * root/<run-id>}. Paths under {@code excluded} (cfn's home, when it lies inside the workdir) are
     * never committed.
     *
     * @throws GitException when {@code workdir} is not in a git work tree
     */
    public static RunWorktrees of(Path workdir, Path root, String runId, List<Path> excluded) {
        Git git = Git.at(workdir);
        if (!git.isRepository()) {
            throw new GitException(workdir + " is not a git repository");
        }
        Path top = git.topLevel().toAbsolutePath().normalize();
        Path prefix = top.relativize(workdir.toAbsolutePath().normalize());
        return new RunWorktrees(
                Git.at(top), top, prefix, root.toAbsolutePath().normalize().resolve(runId), runId, excluded);
    }

    public String runBranch() {
        return "cfn/" + runId + "/run";
    }

    public String agentBranch(String slot) {
        return "cfn/" + runId + "/agents/" + slot;
    }

    /** The folder of this run's worktrees ({@code <root>/<run-id>}). */
    public Path folder() {
        return folder;
    }

    /**
     * Checks out the run branch in the workdir, creating it at HEAD the first time; uncommitted
     * changes in the workdir are committed on it (so implementers start from what the user sees).
     * Again on a resume: the branch is checked out if the workdir moved away from it, and a merge the
     * dead orchestrator left half done is aborted.
     *
     * @throws GitException when the repository has no commit yet, or git fails
     */
    public void start() {
        if (repo.head().isEmpty()) {
            throw new GitException("the repository " + top + " has no commit yet: commit once before a run");
        }
        if (repo.tryRun("rev-parse", "--quiet", "--verify", "MERGE_HEAD").ok()) {
            // an orchestrator died mid-merge: its conflict must not be committed below
            repo.run("merge", "--abort");
        }
        String current =
                repo.tryRun("symbolic-ref", "--quiet", "--short", "HEAD").out().strip();
        if (!current.equals(runBranch())) {
            boolean exists = repo.tryRun("rev-parse", "--verify", "--quiet", "refs/heads/" + runBranch())
                    .ok();
            if (exists) {
                repo.run("checkout", "--quiet", runBranch());
            } else {
                repo.run("checkout", "--quiet", "-b", runBranch());
            }
        }
        commitAll(repo, "cfn: the workdir as run " + runId + " started");
    }

    /**
     * The folder slot's agent works in: its worktree (created on first use) on its branch, brought to
     * the run branch's tip unless {@code keep} (its work of this iteration is not merged yet, e.g.
     * its stored result is reused after a resume). The workdir's subfolder, when the workdir is not
     * the repository's top.
     */
    public Path prepare(String slot, boolean keep) {
        Path tree = worktree(slot);
        if (!Files.exists(tree.resolve(".git"))) {
            deleteTree(tree);
            repo.run("worktree", "prune");
            repo.run("worktree", "add", "--quiet", "-B", agentBranch(slot), tree.toString(), runBranch());
        } else if (!keep) {
            Git wt = Git.at(tree);
            wt.run("reset", "--quiet", "--hard", runBranch());
            wt.run("clean", "-fdq");
        }
        return tree.resolve(prefix.toString());
    }

    /** Where slot's worktree is (whether or not it exists). */
    public Path worktree(String slot) {
        return folder.resolve(slot);
    }

    /** Commits what slot's agent changed on its branch; false when it changed nothing. */
    public boolean commit(String slot, String message) {
        Path tree = worktree(slot);
        return Files.isDirectory(tree) && commitAll(Git.at(tree), message);
    }

    /**
     * Merges slot's branch into the run branch checked out in the workdir. A conflict is not merged:
     * the merge is aborted and the conflicting paths returned.
     *
     * @return the conflicting paths; empty when merged (or nothing to merge)
     */
    public List<String> merge(String slot) {
        commitAll(repo, "cfn: changes made in the workdir during run " + runId);
        Git.Result r = repo.tryRunAsCfn("merge", "--no-ff", "--no-edit", "-m", "cfn: merge " + slot, agentBranch(slot));
        if (r.ok()) {
            return List.of();
        }
        List<String> conflicts = repo.run("diff", "--name-only", "--diff-filter=U")
                .lines()
                .filter(l -> !l.isBlank())
                .toList();
        repo.tryRun("merge", "--abort");
        if (conflicts.isEmpty()) {
            String why = r.err().strip().lines().findFirst().orElse("exit code " + r.exitCode());
            throw new GitException("git merge " + agentBranch(slot) + " in " + top + " failed: " + why);
        }
        return conflicts;
    }

    /** Removes every worktree of the run and its agent branches; the run branch stays (it holds the result). */
    public void remove() {
        removeFolder(repo, folder);
        for (String branch : repo.run(
                        "for-each-ref", "--format=%(refname:short)", "refs/heads/cfn/" + runId + "/agents/")
                .lines()
                .filter(l -> !l.isBlank())
                .toList()) {
            repo.tryRun("branch", "-D", branch);
        }
    }

    /**
     * Removes the worktrees under {@code folder} (one run's) from whatever repository they belong to,
     * and the folder; for runs whose workdir is gone or unknown ({@code cfn loop prune}).
     *
     * @return the bytes freed
     */
    public static long removeFolder(Path folder) {
        long size = sizeOf(folder);
        removeFolder(null, folder);
        return size;
    }

    private static void removeFolder(Git repo, Path folder) {
        if (!Files.isDirectory(folder)) {
            if (repo != null) {
                repo.tryRun("worktree", "prune");
            }
            return;
        }
        List<Path> trees;
        try (Stream<Path> s = Files.list(folder)) {
            trees = s.filter(Files::isDirectory).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Git> owners = new ArrayList<>();
        for (Path tree : trees) {
            if (repo != null) {
                repo.tryRun("worktree", "remove", "--force", tree.toString());
            } else if (Files.exists(tree.resolve(".git"))) {
                // the repository the worktree belongs to, so its record of the worktree goes too
                Git.Result common = Git.at(tree).tryRun("rev-parse", "--path-format=absolute", "--git-common-dir");
                if (common.ok()) {
                    owners.add(Git.at(Path.of(common.out().strip())));
                }
            }
        }
        deleteTree(folder);
        if (repo != null) {
            owners.add(repo);
        }
        owners.forEach(g -> g.tryRun("worktree", "prune"));
    }

    /** Stages everything but the excluded paths and commits it as cfn; false when nothing changed. */
    private boolean commitAll(Git git, String message) {
        List<String> add = new ArrayList<>(List.of("add", "--all", "--", "."));
        Path root = git.dir();
        for (Path p : excluded) {
            Path abs = p.toAbsolutePath().normalize();
            if (abs.startsWith(root) && !abs.equals(root)) {
                add.add(":(exclude)" + root.relativize(abs));
            }
        }
        git.run(add.toArray(String[]::new));
        if (git.tryRun("diff", "--cached", "--quiet").ok()) {
            return false;
        }
        git.runAsCfn("commit", "--quiet", "--no-verify", "-m", message);
        return true;
    }

    private static long sizeOf(Path folder) {
        if (!Files.exists(folder)) {
            return 0;
        }
        try (Stream<Path> s = Files.walk(folder)) {
            return s.filter(Files::isRegularFile)
                    .mapToLong(p -> p.toFile().length())
                    .sum();
        } catch (IOException | UncheckedIOException e) {
            return 0;
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
