package dev.cfn.agents.llm.tools;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The files under a folder that Glob and Grep look at: symlinks not followed, {@code .git} and the
 * guard's off-limits folders skipped, in path order, at most {@code max}.
 */
final class FileWalk {
    private static final Set<String> SKIPPED = Set.of(".git", "node_modules");

    private FileWalk() {}

    /**
     * @param glob a glob matched against each file's path relative to {@code base} (and, without a
     *     slash, against its name), or null for every file
     */
    static List<Path> files(PathGuard guard, Path base, String glob, int max) throws ToolError {
        PathMatcher relative = matcher(glob);
        PathMatcher name = glob != null && !glob.contains("/") ? relative : null;
        List<Path> found = new ArrayList<>();
        try {
            Files.walkFileTree(base, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    boolean skip = !dir.equals(base)
                            && (SKIPPED.contains(dir.getFileName().toString()) || !guard.allows(dir));
                    return skip ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    if (attrs.isRegularFile()
                            && guard.allows(file)
                            && (relative == null
                                    || relative.matches(base.relativize(file))
                                    || name != null && name.matches(file.getFileName()))) {
                        found.add(file);
                    }
                    return found.size() > max ? FileVisitResult.TERMINATE : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new ToolError("cannot list " + guard.show(base) + ": " + e.getMessage());
        }
        found.sort(null);
        return found;
    }

    private static PathMatcher matcher(String glob) throws ToolError {
        if (glob == null || glob.isBlank()) {
            return null;
        }
        try {
            return FileSystems.getDefault().getPathMatcher("glob:" + glob.strip());
        } catch (IllegalArgumentException e) {
            throw new ToolError("'" + glob + "' is not a valid glob: " + e.getMessage());
        }
    }

    /** The folder a Glob or Grep searches: {@code path}, else the workdir. */
    static Path base(PathGuard guard, String path) throws ToolError {
        Path base = path == null ? guard.workdir() : guard.resolve(path);
        if (!Files.isDirectory(base)) {
            throw new ToolError("'" + path + "' is not a folder");
        }
        return base;
    }
}
