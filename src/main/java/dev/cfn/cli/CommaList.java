package dev.cfn.cli;

import java.util.Arrays;
import java.util.List;

/** Options that take {@code a,b,c}: split at commas, trimmed, empty items dropped. */
public final class CommaList {
    private CommaList() {}

    /** The items of {@code text}; an empty list for null or blank. */
    public static List<String> split(String text) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        return Arrays.stream(text.split(","))
                .map(String::trim)
                .filter(s -> !s.isEmpty())
                .toList();
    }
}
