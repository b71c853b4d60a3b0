package dev.cfn.agents.definition;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Something wrong (or worth a warning) at a place in a file; prints as {@code path:line: message}.
 *
 * @param line 1-based line number; 0 when the problem concerns the file as a whole
 */
public record FileProblem(Path path, int line, String message) {
    public FileProblem {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(message, "message");
        if (line < 0) {
            throw new IllegalArgumentException("line must be >= 0, but was " + line);
        }
    }

    @Override
    public String toString() {
        return line > 0 ? path + ":" + line + ": " + message : path + ": " + message;
    }
}
