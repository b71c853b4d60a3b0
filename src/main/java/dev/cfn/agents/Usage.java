package dev.cfn.agents;

/**
 * What an LLM agent used: tokens by kind, model turns, time in the API, and the cost in US dollars
 * (as the runtime reported it, or priced from the model's rates). Command agents use {@link #ZERO}.
 *
 * @param cacheReadTokens input tokens served from the prompt cache
 * @param cacheWriteTokens input tokens written to the prompt cache
 * @param apiMs time spent waiting on the model API, in milliseconds
 * @param costUsd the cost in US dollars
 */
public record Usage(
        long inputTokens,
        long outputTokens,
        long cacheReadTokens,
        long cacheWriteTokens,
        int turns,
        long apiMs,
        double costUsd) {
    public static final Usage ZERO = new Usage(0, 0, 0, 0, 0, 0, 0.0);

    public Usage {
        if (inputTokens < 0 || outputTokens < 0 || cacheReadTokens < 0 || cacheWriteTokens < 0) {
            throw new IllegalArgumentException("token counts must not be negative");
        }
        if (turns < 0 || apiMs < 0) {
            throw new IllegalArgumentException("turns and apiMs must not be negative");
        }
        if (!(costUsd >= 0.0) || Double.isInfinite(costUsd)) {
            throw new IllegalArgumentException("costUsd must be a finite amount >= 0, but was " + costUsd);
        }
    }

    /** Input and output tokens only: what a run's {@code --max-tokens} counts. */
    public static Usage tokens(long input, long output) {
        return new Usage(input, output, 0, 0, 0, 0, 0.0);
    }

    /** Input plus output tokens (cache reads and writes are counted in {@link #costUsd}, not here). */
    public long totalTokens() {
        return inputTokens + outputTokens;
    }

    public Usage plus(Usage other) {
        return new Usage(
                inputTokens + other.inputTokens,
                outputTokens + other.outputTokens,
                cacheReadTokens + other.cacheReadTokens,
                cacheWriteTokens + other.cacheWriteTokens,
                turns + other.turns,
                apiMs + other.apiMs,
                costUsd + other.costUsd);
    }
}
