package dev.cfn.agents;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses the quantities of agent definitions: memory sizes ({@code 512m}) and timeouts ({@code 5m}). */
public final class Quantities {
    private static final Pattern SIZE = Pattern.compile("(\\d{1,15})\\s*([kmgt]?)(i?b)?", Pattern.CASE_INSENSITIVE);
    private static final Pattern DURATION = Pattern.compile("(\\d{1,9}(?:\\.\\d{1,3})?)\\s*(ms|s|m|h)?");
    /** Below this a limit would stop any process from starting. */
    public static final long MIN_MEMORY_BYTES = 4L * 1024 * 1024;

    public static final Duration MAX_TIMEOUT = Duration.ofHours(24);

    private Quantities() {}

    /**
     * Bytes of a memory size such as {@code 512m}, {@code 1g}, {@code 64MiB} or a plain byte count
     * (suffixes are binary: k = 1024).
     *
     * @throws IllegalArgumentException with the rule, when the text is not a size of at least 4 MiB
     */
    public static long memoryBytes(String text) {
        Matcher m = SIZE.matcher(text.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException("must be a size such as 512m or 2g, but was '" + text + "'");
        }
        int shift = switch (m.group(2).toLowerCase(Locale.ROOT)) {
            case "k" -> 10;
            case "m" -> 20;
            case "g" -> 30;
            case "t" -> 40;
            default -> 0;
        };
        long value = Long.parseLong(m.group(1));
        if (value > (Long.MAX_VALUE >> shift)) {
            throw new IllegalArgumentException("is too large, but was '" + text + "'");
        }
        long bytes = value << shift;
        if (bytes < MIN_MEMORY_BYTES) {
            throw new IllegalArgumentException("must be at least 4m, but was '" + text + "'");
        }
        return bytes;
    }

    /**
     * A timeout such as {@code 30s}, {@code 5m}, {@code 1h}, {@code 250ms}, or a number of seconds.
     *
     * @throws IllegalArgumentException when it is not a duration above zero and at most 24h
     */
    public static Duration timeout(String text) {
        Matcher m = DURATION.matcher(text.strip().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException("must be a duration such as 30s, 5m or 1h, but was '" + text + "'");
        }
        double amount = Double.parseDouble(m.group(1));
        String unit = m.group(2) == null ? "s" : m.group(2);
        double millis = switch (unit) {
            case "ms" -> amount;
            case "m" -> amount * 60_000;
            case "h" -> amount * 3_600_000;
            default -> amount * 1000;
        };
        Duration d = Duration.ofMillis(Math.round(millis));
        if (d.isZero() || d.compareTo(MAX_TIMEOUT) > 0) {
            throw new IllegalArgumentException("must be above 0 and at most 24h, but was '" + text + "'");
        }
        return d;
    }

    /** Prints a duration the way definitions write it: {@code 250ms}, {@code 30s}, {@code 5m}, {@code 1h}. */
    public static String format(Duration d) {
        long ms = d.toMillis();
        if (ms % 3_600_000 == 0) {
            return ms / 3_600_000 + "h";
        }
        if (ms % 60_000 == 0) {
            return ms / 60_000 + "m";
        }
        return ms % 1000 == 0 ? ms / 1000 + "s" : ms + "ms";
    }
}
