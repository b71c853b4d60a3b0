package dev.cfn.loop;

import dev.cfn.InvalidInputException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a run may spend: its cost in US dollars, its tokens (input plus output), and its active time
 * (the time orchestrators have driven it, added up over resumes). A null limit is no limit. Stored
 * with the run's settings; {@link #exceeded} decides, the executor acts ({@link RunWatch}).
 *
 * @param maxCostUsd {@code --max-cost-usd}
 * @param maxTokens {@code --max-tokens}
 * @param maxDurationMs {@code --max-duration}, in milliseconds
 */
public record Budget(Double maxCostUsd, Long maxTokens, Long maxDurationMs) {
    public static final Budget NONE = new Budget(null, null, null);

    private static final Pattern DURATION = Pattern.compile("(\\d{1,9}(?:\\.\\d{1,3})?)\\s*(ms|s|m|h|d)?");
    private static final long MAX_DURATION_MS = 365L * 24 * 3_600_000;

    public Budget {
        if (maxCostUsd != null && !(maxCostUsd > 0 && Double.isFinite(maxCostUsd))) {
            throw new InvalidInputException("--max-cost-usd must be an amount above 0, but was " + maxCostUsd);
        }
        if (maxTokens != null && maxTokens < 1) {
            throw new InvalidInputException("--max-tokens must be at least 1, but was " + maxTokens);
        }
        if (maxDurationMs != null && (maxDurationMs < 1 || maxDurationMs > MAX_DURATION_MS)) {
            throw new InvalidInputException(
                    "--max-duration must be above 0 and at most 365d, but was " + maxDurationMs + " ms");
        }
    }

    /**
     * A budget as a caller writes it; {@code duration} such as {@code 90s}, {@code 5m}, {@code 2h}.
     *
     * @throws InvalidInputException naming the option at fault
     */
    public static Budget of(Double maxCostUsd, Long maxTokens, String duration) {
        return new Budget(maxCostUsd, maxTokens, duration == null ? null : durationMs(duration));
    }

    /** This budget with each limit {@code raised} sets put in place of this one's (a resume's new budget). */
    public Budget with(Budget raised) {
        return new Budget(
                raised.maxCostUsd != null ? raised.maxCostUsd : maxCostUsd,
                raised.maxTokens != null ? raised.maxTokens : maxTokens,
                raised.maxDurationMs != null ? raised.maxDurationMs : maxDurationMs);
    }

    /** What a run has spent so far. */
    public record Spent(double costUsd, long tokens, long activeMs) {}

    /**
     * A limit {@code spent} went past: the option that sets it and the run's stop reason, such as
     * {@code budget: cost $0.42 exceeded $0.40}.
     */
    public record Breach(String option, String reason) {}

    /** The first limit {@code spent} is past (cost, then tokens, then time), if any. */
    public Optional<Breach> exceeded(Spent spent) {
        if (maxCostUsd != null && spent.costUsd() > maxCostUsd) {
            return breach(
                    "--max-cost-usd", "cost " + usd(spent.costUsd(), maxCostUsd) + " exceeded " + usd(maxCostUsd));
        }
        if (maxTokens != null && spent.tokens() > maxTokens) {
            return breach(
                    "--max-tokens", String.format(Locale.ROOT, "tokens %,d exceeded %,d", spent.tokens(), maxTokens));
        }
        if (maxDurationMs != null && spent.activeMs() > maxDurationMs) {
            return breach(
                    "--max-duration",
                    "duration " + duration(spent.activeMs()) + " exceeded " + duration(maxDurationMs));
        }
        return Optional.empty();
    }

    /** The reason an agent is ended for spending more than its definition's {@code max_cost_usd}, if it did. */
    public static Optional<String> agentExceeded(Double agentMaxCostUsd, double costUsd) {
        if (agentMaxCostUsd == null || costUsd <= agentMaxCostUsd) {
            return Optional.empty();
        }
        return Optional.of("budget: agent cost " + usd(costUsd, agentMaxCostUsd) + " exceeded its max_cost_usd "
                + usd(agentMaxCostUsd));
    }

    private static Optional<Breach> breach(String option, String what) {
        return Optional.of(new Breach(option, "budget: " + what));
    }

    /** Dollars as people read them: {@code $0.42}, {@code $0.0031}, {@code $12.50}. */
    public static String usd(double amount) {
        if (amount >= 1) {
            return String.format(Locale.ROOT, "$%.2f", amount);
        }
        String text = String.format(Locale.ROOT, "%.4f", amount);
        while (text.endsWith("0") && text.length() > text.indexOf('.') + 3) {
            text = text.substring(0, text.length() - 1);
        }
        return "$" + text;
    }

    /** {@code amount} shown finely enough to differ from the {@code limit} it exceeded. */
    private static String usd(double amount, double limit) {
        String shown = usd(amount);
        return shown.equals(usd(limit)) ? String.format(Locale.ROOT, "$%.6f", amount) : shown;
    }

    /** A duration as people read it: {@code 250ms}, {@code 4.5s}, {@code 10m}, {@code 10m3s}, {@code 1h5m}. */
    public static String duration(long ms) {
        if (ms < 1000) {
            return ms + "ms";
        }
        if (ms < 60_000) {
            long tenths = ms / 100;
            return tenths % 10 == 0 || ms >= 10_000 ? ms / 1000 + "s" : tenths / 10 + "." + tenths % 10 + "s";
        }
        long seconds = ms / 1000;
        if (seconds < 3600) {
            return seconds / 60 + "m" + (seconds % 60 == 0 ? "" : seconds % 60 + "s");
        }
        long minutes = seconds / 60;
        return minutes / 60 + "h" + (minutes % 60 == 0 ? "" : minutes % 60 + "m");
    }

    /** {@code --max-duration}'s text: a number with a unit (ms, s, m, h, d; seconds without). */
    static long durationMs(String text) {
        Matcher m = DURATION.matcher(text.strip().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new InvalidInputException("--max-duration must be a duration such as 90s, 5m or 2h, but was '"
                    + InvalidInputException.printable(text) + "'");
        }
        double amount = Double.parseDouble(m.group(1));
        long unit = switch (m.group(2) == null ? "s" : m.group(2)) {
            case "ms" -> 1;
            case "m" -> 60_000;
            case "h" -> 3_600_000;
            case "d" -> 86_400_000;
            default -> 1000;
        };
        long ms = Math.round(amount * unit);
        if (ms < 1 || ms > MAX_DURATION_MS) {
            throw new InvalidInputException("--max-duration must be above 0 and at most 365d, but was '" + text + "'");
        }
        return ms;
    }

    /** {@code --max-duration}'s text for this budget, or null. */
    public String durationText() {
        return maxDurationMs == null ? null : duration(maxDurationMs);
    }
}
