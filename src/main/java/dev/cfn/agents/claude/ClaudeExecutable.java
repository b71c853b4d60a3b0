package dev.cfn.agents.claude;

import dev.cfn.RetriableException;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Where the Claude Code CLI is: {@code CFN_CLAUDE_BIN} when set (the CLI puts {@code claude.bin} of
 * {@code <home>/config} there when the environment has none), else {@code claude} on {@code PATH}.
 *
 * @param path the executable
 * @param source how it was found: {@code CFN_CLAUDE_BIN} or {@code PATH}
 */
public record ClaudeExecutable(Path path, String source) {
    /** The variable naming the executable; also how {@code claude.bin} of {@code <home>/config} arrives. */
    public static final String BIN_VARIABLE = "CFN_CLAUDE_BIN";

    static final String INSTALL = "install: npm install -g @anthropic-ai/claude-code";

    /** The executable, if there is one, looked up in {@code env} (cfn's environment). */
    public static Optional<ClaudeExecutable> find(Map<String, String> env) {
        String configured = env.get(BIN_VARIABLE);
        if (configured != null && !configured.isBlank()) {
            return executable(configured.strip()).map(p -> new ClaudeExecutable(p, BIN_VARIABLE));
        }
        String path = env.get("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (!dir.isBlank()) {
                Optional<Path> found = executable(dir + File.separator + "claude");
                if (found.isPresent()) {
                    return found.map(p -> new ClaudeExecutable(p, "PATH"));
                }
            }
        }
        return Optional.empty();
    }

    /**
     * The executable.
     *
     * @throws RetriableException (exit 1) with one line saying it was not found and how to install it
     */
    public static ClaudeExecutable require(Map<String, String> env) {
        return find(env).orElseThrow(() -> {
            String configured = env.get(BIN_VARIABLE);
            String where = configured == null || configured.isBlank()
                    ? ""
                    : " at '" + configured.strip() + "' (" + BIN_VARIABLE + " or claude.bin)";
            return new RetriableException(
                    "runtime claude-code: the claude CLI was not found" + where + " (" + INSTALL + ")");
        });
    }

    private static Optional<Path> executable(String name) {
        try {
            Path p = Path.of(name);
            return Files.isRegularFile(p) && Files.isExecutable(p) ? Optional.of(p.toAbsolutePath()) : Optional.empty();
        } catch (InvalidPathException e) {
            return Optional.empty();
        }
    }

    @Override
    public String toString() {
        return path + " (" + source + ")";
    }
}
