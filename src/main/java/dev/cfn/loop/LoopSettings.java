package dev.cfn.loop;

import dev.cfn.InvalidInputException;
import java.util.List;
import java.util.Objects;

/**
 * Everything a run needs to start or resume: the task, the mode and its (possibly overridden)
 * thresholds, the agents of each loop and the deliverables. Stored with the run as JSON.
 *
 * @param quorum the share of agents that must report a confidence for a gate or consensus to count
 * @param productOwner the product-owner agent, or null to let the policy decide (PROCEED on consensus)
 * @param expectedFiles files (relative to the workdir) that must exist and have changed
 * @param budget what the run may spend ({@link Budget#NONE}: no limit; a run stored before budgets
 *     reads as none)
 * @param sandbox {@code container} or {@code none} for every agent of the run ({@code --sandbox});
 *     null: each definition's own {@code sandbox:}
 * @param judging the acceptance criteria, skill keywords, hooks and change check ({@link
 *     Judging#NONE} for a run stored before them)
 * @param isolation {@code none} (every agent in the workdir) or {@code worktree} (each implementer
 *     slot in its own git worktree, merged after Loop 3); a run stored before it reads as none
 */
public record LoopSettings(
        String task,
        String mode,
        double gateThreshold,
        double consensusThreshold,
        int maxIterations,
        double quorum,
        List<String> loop3,
        List<String> loop2,
        String productOwner,
        List<String> expectedFiles,
        String workdir,
        int parallelism,
        Budget budget,
        String sandbox,
        Judging judging,
        String isolation) {
    public static final String ISOLATION_NONE = "none";
    public static final String ISOLATION_WORKTREE = "worktree";

    public LoopSettings {
        Objects.requireNonNull(task, "task");
        if (task.isBlank()) {
            throw new InvalidInputException("the task must not be empty");
        }
        LoopMode.parse(mode);
        requireShare("--gate", gateThreshold);
        requireShare("--consensus", consensusThreshold);
        requireShare("--quorum", quorum);
        if (maxIterations < 1 || maxIterations > 100) {
            throw new InvalidInputException("--max-iterations must be 1 to 100, but was " + maxIterations);
        }
        if (parallelism < 1 || parallelism > 1024) {
            throw new InvalidInputException("--parallel must be 1 to 1024, but was " + parallelism);
        }
        loop3 = List.copyOf(loop3);
        loop2 = List.copyOf(loop2);
        expectedFiles = List.copyOf(expectedFiles);
        if (loop3.isEmpty()) {
            throw new InvalidInputException("--loop3 must name at least one implementer agent");
        }
        for (String f : expectedFiles) {
            if (f.isBlank() || f.startsWith("/") || f.contains("..")) {
                throw new InvalidInputException(
                        "--expected-files must be relative paths inside the workdir, but was '" + f + "'");
            }
        }
        Objects.requireNonNull(workdir, "workdir");
        budget = budget == null ? Budget.NONE : budget;
        if (sandbox != null && !sandbox.equals("container") && !sandbox.equals("none")) {
            throw new InvalidInputException("--sandbox must be none or container, but was '" + sandbox + "'");
        }
        judging = judging == null ? Judging.NONE : judging;
        isolation = isolation == null ? ISOLATION_NONE : isolation;
        if (!isolation.equals(ISOLATION_NONE) && !isolation.equals(ISOLATION_WORKTREE)) {
            throw new InvalidInputException("--isolation must be none or worktree, but was '" + isolation + "'");
        }
    }

    /**
     * Settings with a budget, whose agents each run in their definition's sandbox, in the workdir,
     * without criteria, keywords, hooks or change check.
     */
    public LoopSettings(
            String task,
            String mode,
            double gateThreshold,
            double consensusThreshold,
            int maxIterations,
            double quorum,
            List<String> loop3,
            List<String> loop2,
            String productOwner,
            List<String> expectedFiles,
            String workdir,
            int parallelism,
            Budget budget) {
        this(
                task,
                mode,
                gateThreshold,
                consensusThreshold,
                maxIterations,
                quorum,
                loop3,
                loop2,
                productOwner,
                expectedFiles,
                workdir,
                parallelism,
                budget,
                null,
                Judging.NONE,
                ISOLATION_NONE);
    }

    /** Settings without a budget (see the constructor above). */
    public LoopSettings(
            String task,
            String mode,
            double gateThreshold,
            double consensusThreshold,
            int maxIterations,
            double quorum,
            List<String> loop3,
            List<String> loop2,
            String productOwner,
            List<String> expectedFiles,
            String workdir,
            int parallelism) {
        this(
                task,
                mode,
                gateThreshold,
                consensusThreshold,
                maxIterations,
                quorum,
                loop3,
                loop2,
                productOwner,
                expectedFiles,
                workdir,
                parallelism,
                Budget.NONE);
    }

    /** Whether each implementer works in its own git worktree. */
    public boolean worktrees() {
        return isolation.equals(ISOLATION_WORKTREE);
    }

    /** The same settings with {@code newBudget}. */
    public LoopSettings withBudget(Budget newBudget) {
        return with(newBudget, sandbox, judging, isolation);
    }

    /** The same settings with every agent in the sandbox {@code everyAgent} ({@code container}, {@code none}, or null). */
    public LoopSettings withSandbox(String everyAgent) {
        return with(budget, everyAgent, judging, isolation);
    }

    /** The same settings with {@code newJudging}. */
    public LoopSettings withJudging(Judging newJudging) {
        return with(budget, sandbox, newJudging, isolation);
    }

    /** The same settings with {@code newIsolation} ({@code none} or {@code worktree}). */
    public LoopSettings withIsolation(String newIsolation) {
        return with(budget, sandbox, judging, newIsolation);
    }

    /** These settings with the run-wide options replaced. */
    private LoopSettings with(Budget newBudget, String newSandbox, Judging newJudging, String newIsolation) {
        return new LoopSettings(
                task,
                mode,
                gateThreshold,
                consensusThreshold,
                maxIterations,
                quorum,
                loop3,
                loop2,
                productOwner,
                expectedFiles,
                workdir,
                parallelism,
                newBudget,
                newSandbox,
                newJudging,
                newIsolation);
    }

    private static void requireShare(String option, double value) {
        if (!(value > 0.0 && value <= 1.0)) {
            throw new InvalidInputException(option + " must be above 0 and at most 1, but was " + value);
        }
    }
}
