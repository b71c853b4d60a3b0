package dev.cfn.loop.session;

import dev.cfn.InvalidInputException;
import dev.cfn.NotFoundException;
import dev.cfn.git.Git;
import dev.cfn.git.GitException;
import dev.cfn.loop.RunRecord;
import dev.cfn.loop.RunStore;
import dev.cfn.loop.WorkdirState;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What a run changed in its git workdir, from the states kept per iteration ({@link WorkdirState}):
 * the whole run (the first iteration's start to the last kept state after implementers) or one
 * iteration (its start to after its implementers). {@code cfn loop diff} and {@code loop show}.
 *
 * @param from the tree the change starts from
 * @param to the tree it ends at
 */
public record RunChanges(RunRecord run, Integer iteration, String from, String to) {
    /**
     * The change of {@code run}, or of its {@code iteration} when not null.
     *
     * @throws InvalidInputException when the run did not run in a git work tree
     * @throws NotFoundException when the iteration does not exist or has no state after its implementers
     */
    public static RunChanges of(RunStore store, RunRecord run, Integer iteration) {
        Optional<WorkdirState> start = store.snapshot(run.id(), 1, true);
        if (start.isEmpty() || !start.get().git()) {
            throw new InvalidInputException("run '" + run.id() + "' did not run in a git work tree ("
                    + run.settings().workdir() + "): it has no diff");
        }
        if (iteration != null) {
            if (iteration < 1 || iteration > run.iterations()) {
                throw new NotFoundException(
                        "run '" + run.id() + "' has no iteration " + iteration + " (it has " + run.iterations() + ")");
            }
            WorkdirState before = store.snapshot(run.id(), iteration, true).orElseThrow(() -> noState(run, iteration));
            WorkdirState after = store.snapshot(run.id(), iteration, false).orElseThrow(() -> noState(run, iteration));
            return new RunChanges(run, iteration, before.tree(), after.tree());
        }
        for (int i = run.iterations(); i >= 1; i--) {
            Optional<WorkdirState> after = store.snapshot(run.id(), i, false);
            if (after.isPresent()) {
                return new RunChanges(run, null, start.get().tree(), after.get().tree());
            }
        }
        return new RunChanges(run, null, start.get().tree(), start.get().tree());
    }

    /** The changed files of a run, or empty when it did not run in git or its trees are gone. */
    public static List<String> filesOf(RunStore store, RunRecord run) {
        try {
            return of(store, run, null).files();
        } catch (InvalidInputException | NotFoundException | GitException e) {
            return List.of();
        }
    }

    private static NotFoundException noState(RunRecord run, int iteration) {
        return new NotFoundException("iteration " + iteration + " of run '" + run.id()
                + "' has no workdir state after its implementers (they have not finished)");
    }

    /** The paths that differ. */
    public List<String> files() {
        return git().changedBetween(from, to);
    }

    /** Git's patch. */
    public String diff() {
        return git().diff(from, to);
    }

    private Git git() {
        Path workdir = Path.of(run.settings().workdir());
        Git git = Git.at(workdir);
        if (!git.isRepository() || !git.hasObject(from) || !git.hasObject(to)) {
            throw new NotFoundException("the workdir " + workdir + " of run '" + run.id()
                    + "' no longer holds the run's git trees (moved, removed or pruned)");
        }
        return git;
    }
}
