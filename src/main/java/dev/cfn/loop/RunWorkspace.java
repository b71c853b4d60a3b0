package dev.cfn.loop;

import dev.cfn.InvalidInputException;
import dev.cfn.agents.AgentResult;
import dev.cfn.agents.Feedback;
import dev.cfn.git.Git;
import dev.cfn.git.RunWorktrees;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Where a run's implementers work. Without isolation, all in the workdir. With {@code --isolation
 * worktree}, each Loop 3 slot in its own git worktree ({@link RunWorktrees}, kept under {@code
 * <home>/worktrees/<run-id>/<slot>} for the whole run); after Loop 3 each agent's changes are
 * committed on its branch and merged into the run branch in agent order, so validators, the product
 * owner, the deliverable check and the gate see the merged workdir. A conflicting agent is not
 * merged: its result fails with the conflicting paths as CRITICAL feedback.
 */
final class RunWorkspace {
    private final Path workdir;
    private final RunWorktrees trees;

    private RunWorkspace(Path workdir, RunWorktrees trees) {
        this.workdir = workdir;
        this.trees = trees;
    }

    /**
     * The workspace of {@code runId}; {@code home} is cfn's state folder (worktrees go under {@code
     * <home>/worktrees}, and it is never committed when it lies inside the workdir).
     */
    static RunWorkspace of(LoopSettings settings, String runId, Path home) {
        Path workdir = Path.of(settings.workdir());
        if (!settings.worktrees()) {
            return new RunWorkspace(workdir, null);
        }
        return new RunWorkspace(workdir, RunWorktrees.of(workdir, worktreesRoot(home), runId, List.of(home)));
    }

    /** The folder every run's worktrees are kept in: {@code <home>/worktrees}. */
    static Path worktreesRoot(Path home) {
        return home.resolve("worktrees");
    }

    /**
     * Fails, changing nothing, when the settings ask for worktrees in a folder that is not a git
     * repository.
     */
    static void requireUsable(LoopSettings settings) {
        if (settings.worktrees() && !Git.at(Path.of(settings.workdir())).isRepository()) {
            throw new InvalidInputException(
                    "--isolation worktree needs a git repository, but --workdir " + settings.workdir() + " is not one");
        }
    }

    /** Checks out the run branch (at a run's start, and again on a resume). */
    void start() {
        if (trees != null) {
            trees.start();
        }
    }

    /**
     * The folder an implementer slot works in this iteration; {@code keep}: its result of this
     * iteration is stored already, so its unmerged work stays.
     */
    Path folder(String slot, boolean keep) {
        return trees == null ? workdir : trees.prepare(slot, keep);
    }

    /**
     * Commits each implementer's work on its branch and merges the branches into the run branch in
     * the order of {@code results}; returns the results, a conflicting agent's turned into a failure.
     */
    List<AgentResult> merge(int iteration, List<AgentResult> results) {
        if (trees == null) {
            return results;
        }
        List<AgentResult> merged = new ArrayList<>();
        for (AgentResult r : results) {
            String slot = slot(r.agentId(), iteration);
            trees.commit(slot, "cfn: " + r.agentId() + " (iteration " + iteration + ")");
            List<String> conflicts = trees.merge(slot);
            merged.add(conflicts.isEmpty() ? r : conflicted(r, conflicts));
        }
        return merged;
    }

    /** Removes the run's worktrees (the run ended). */
    void end() {
        if (trees != null) {
            trees.remove();
        }
    }

    private static AgentResult conflicted(AgentResult r, List<String> conflicts) {
        String why = r.agentId() + ": its changes conflict with the other implementers' in "
                + String.join(", ", conflicts) + " and were not merged; start from the merged files and redo them";
        List<Feedback> feedback = new ArrayList<>(r.feedback());
        feedback.add(new Feedback(Feedback.Severity.CRITICAL, why));
        return r.toBuilder()
                .status(AgentResult.Status.FAILURE)
                .confidence(0.0, "merge conflict in " + String.join(", ", conflicts))
                .feedback(feedback)
                .build();
    }

    /** The slot of an agent id {@code {type}-{iteration}-{instance}}: {@code {type}-{instance}}. */
    static String slot(String agentId, int iteration) {
        String marker = "-" + iteration + "-";
        int at = agentId.lastIndexOf(marker);
        return at <= 0 ? agentId : agentId.substring(0, at) + "-" + agentId.substring(at + marker.length());
    }
}
