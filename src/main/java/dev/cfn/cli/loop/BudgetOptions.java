package dev.cfn.cli.loop;

import dev.cfn.loop.Budget;
import picocli.CommandLine.Option;

/** {@code --max-cost-usd}, {@code --max-tokens} and {@code --max-duration}: a mixin of {@code loop run} and {@code resume}. */
public final class BudgetOptions {
    @Option(
            names = "--max-cost-usd",
            paramLabel = "X",
            description = "Stop the run (resumable) once its agents have cost more than X US dollars.")
    Double maxCostUsd;

    @Option(
            names = "--max-tokens",
            paramLabel = "N",
            description = "Stop the run once its agents have used more than N tokens (input + output).")
    Long maxTokens;

    @Option(
            names = "--max-duration",
            paramLabel = "D",
            description = "Stop the run once it has been running longer than D (90s, 5m, 2h; resumes add up).")
    String maxDuration;

    /**
     * The limits given; null fields where an option was not.
     *
     * @throws dev.cfn.InvalidInputException naming the option at fault
     */
    Budget budget() {
        return Budget.of(maxCostUsd, maxTokens, maxDuration);
    }
}
