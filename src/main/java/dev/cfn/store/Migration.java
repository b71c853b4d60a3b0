package dev.cfn.store;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One versioned schema change: its statements, split at a {@code ;} that ends a line. Two bodies
 * run past such a {@code ;}: a SQLite trigger body ({@code CREATE TRIGGER ... BEGIN} to a line
 * {@code END;}; a PostgreSQL {@code CREATE TRIGGER} has no {@code BEGIN} and ends at its {@code ;}) and a PostgreSQL dollar-quoted body ({@code $$ ... $$} or {@code $tag$ ... $tag$}).
 */
public record Migration(int version, String description, List<String> statements) {
    private static final Pattern DOLLAR_TAG = Pattern.compile("\\$([A-Za-z_][A-Za-z_0-9]*)?\\$");
    private static final Pattern BEGIN = Pattern.compile("\\bBEGIN\\b");

    public Migration {
        if (version < 1) {
            throw new IllegalArgumentException("migration version must be >= 1, but was " + version);
        }
        statements = List.copyOf(statements);
    }

    static Migration of(int version, String script) {
        String firstLine = script.lines().findFirst().orElse("").trim();
        String description = firstLine.startsWith("--") ? firstLine.substring(2).trim() : "V" + version;
        return new Migration(version, description, split(script));
    }

    static List<String> split(String script) {
        List<String> statements = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean inTrigger = false;
        boolean inTriggerBody = false;
        String dollarTag = null;
        for (String line : script.split("\n", -1)) {
            String trimmed = line.trim();
            if (current.isEmpty() && (trimmed.isEmpty() || trimmed.startsWith("--"))) {
                continue;
            }
            current.append(line).append('\n');
            String upper = trimmed.toUpperCase(Locale.ROOT);
            if (upper.startsWith("CREATE TRIGGER")) {
                inTrigger = true;
            }
            if (inTrigger && dollarTag == null && BEGIN.matcher(upper).find()) {
                inTriggerBody = true;
            }
            dollarTag = dollarTagAfter(line, dollarTag);
            boolean ends = dollarTag == null && (inTriggerBody ? upper.equals("END;") : trimmed.endsWith(";"));
            if (ends) {
                statements.add(current.toString().trim());
                current.setLength(0);
                inTrigger = false;
                inTriggerBody = false;
            }
        }
        if (!current.toString().isBlank()) {
            statements.add(current.toString().trim());
        }
        return statements;
    }

    /** The dollar-quote tag still open after {@code line}, given the one open before it (or null). */
    private static String dollarTagAfter(String line, String open) {
        Matcher m = DOLLAR_TAG.matcher(line);
        while (m.find()) {
            if (open == null) {
                open = m.group();
            } else if (open.equals(m.group())) {
                open = null;
            }
        }
        return open;
    }
}
