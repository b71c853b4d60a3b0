package dev.cfn.store;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One versioned schema change: its statements, split at a {@code ;} that ends a line (a trigger
 * body runs to its {@code END;}).
 */
public record Migration(int version, String description, List<String> statements) {
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
            boolean ends = inTrigger ? upper.equals("END;") : trimmed.endsWith(";");
            if (ends) {
                statements.add(current.toString().trim());
                current.setLength(0);
                inTrigger = false;
            }
        }
        if (!current.toString().isBlank()) {
            statements.add(current.toString().trim());
        }
        return statements;
    }
}
