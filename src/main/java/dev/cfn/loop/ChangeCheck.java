package dev.cfn.loop;

import dev.cfn.CfnException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The vapor check without a file list: the workdir's state ({@link WorkdirState}) is kept at an
 * iteration's start and after its implementers; an iteration whose implementers changed nothing
 * fails its deliverable check, when the run requires a change and names no {@code
 * --expected-files} (those have their own check, {@link Deliverables}). In a git work tree the
 * states are kept whatever the run requires, for {@code cfn loop diff}.
 */
final class ChangeCheck {
    static final String NOTHING_CHANGED = "nothing changed in the workdir during this iteration";

    private final RunStore store;
    private final String runId;
    private final int iteration;
    private final Path workdir;
    private final List<Path> excluded;
    private final boolean required;
    private final WorkdirState before;
    private final String unreadable;

    private ChangeCheck(
            RunStore store,
            String runId,
            int iteration,
            Path workdir,
            List<Path> excluded,
            boolean required,
            WorkdirState before,
            String unreadable) {
        this.store = store;
        this.runId = runId;
        this.iteration = iteration;
        this.workdir = workdir;
        this.excluded = excluded;
        this.required = required;
        this.before = before;
        this.unreadable = unreadable;
    }

    /** Keeps the state at the iteration's start (a resumed iteration keeps the one of its first start). */
    static ChangeCheck start(RunStore store, String runId, int iteration, LoopSettings settings, List<Path> excluded) {
        Path workdir = Path.of(settings.workdir());
        boolean required =
                settings.judging().requireChange() && settings.expectedFiles().isEmpty();
        boolean tracked = required || gitTree(workdir);
        if (!tracked) {
            return new ChangeCheck(store, runId, iteration, workdir, excluded, false, null, null);
        }
        try {
            store.snapshotBefore(runId, iteration, WorkdirState.of(workdir, excluded));
            WorkdirState before = store.snapshot(runId, iteration, true).orElseThrow();
            return new ChangeCheck(store, runId, iteration, workdir, excluded, required, before, null);
        } catch (CfnException e) {
            return new ChangeCheck(store, runId, iteration, workdir, excluded, required, null, e.getMessage());
        }
    }

    private static boolean gitTree(Path workdir) {
        return dev.cfn.git.Git.at(workdir).isRepository();
    }

    /** After the implementers: keeps the state, and the problem when nothing changed (and that is required). */
    Optional<String> finish() {
        if (before == null) {
            return required && unreadable != null
                    ? Optional.of("cannot tell whether the workdir changed: " + unreadable)
                    : Optional.empty();
        }
        WorkdirState after;
        try {
            after = WorkdirState.of(workdir, excluded);
        } catch (CfnException e) {
            return required
                    ? Optional.of("cannot tell whether the workdir changed: " + e.getMessage())
                    : Optional.empty();
        }
        store.snapshotAfter(runId, iteration, after);
        if (required && after.same(before)) {
            return Optional.of(NOTHING_CHANGED
                    + (after.git()
                            ? " (working tree and HEAD as at its start)"
                            : " (the content hash of its files is as at its start)"));
        }
        return Optional.empty();
    }
}
