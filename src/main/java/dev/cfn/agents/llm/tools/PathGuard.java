package dev.cfn.agents.llm.tools;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Keeps an agent's tools inside its workdir: a path is taken relative to the workdir (or absolute),
 * its symlinks resolved (for a file not yet there, those of its nearest existing parent), and it
 * must then lie inside the workdir's real path and outside every off-limits folder (cfn's home, the
 * agent definitions). A refused path is a {@link ToolError} naming it, and nothing is touched.
 * Immutable.
 */
public final class PathGuard {
    private final Path workdir;
    private final List<Path> offLimits;

    private PathGuard(Path workdir, List<Path> offLimits) {
        this.workdir = workdir;
        this.offLimits = List.copyOf(offLimits);
    }

    /**
     * @param workdir the folder the tools work in (must exist)
     * @param offLimits folders refused even inside the workdir (missing ones are skipped)
     * @throws IOException when the workdir cannot be resolved
     */
    public static PathGuard of(Path workdir, List<Path> offLimits) throws IOException {
        Path root = workdir.toRealPath();
        List<Path> refused = new ArrayList<>();
        for (Path p : offLimits) {
            if (p != null && Files.exists(p)) {
                Path real = p.toRealPath();
                if (!root.startsWith(real)) { // a folder holding the whole workdir would refuse everything
                    refused.add(real);
                }
            }
        }
        return new PathGuard(root, refused);
    }

    /** The workdir's real path. */
    public Path workdir() {
        return workdir;
    }

    /**
     * The real path {@code path} stands for, if the tools may use it.
     *
     * @throws ToolError when it is blank, or resolves outside the workdir or into an off-limits folder
     */
    public Path resolve(String path) throws ToolError {
        if (path == null || path.isBlank()) {
            throw new ToolError("a path is required");
        }
        Path p;
        try {
            p = workdir.resolve(path.strip()).normalize();
        } catch (InvalidPathException e) {
            throw new ToolError("'" + path + "' is not a valid path");
        }
        Path real = real(p, path);
        if (!real.startsWith(workdir)) {
            throw new ToolError("access denied: '" + path + "' is outside the working folder " + workdir);
        }
        for (Path refused : offLimits) {
            if (real.startsWith(refused)) {
                throw new ToolError("access denied: '" + path + "' is in " + refused + ", which agents may not touch");
            }
        }
        return real;
    }

    /** True when {@code real} (already resolved) may be shown, e.g. a Glob or Grep hit. */
    boolean allows(Path real) {
        return real.startsWith(workdir) && offLimits.stream().noneMatch(real::startsWith);
    }

    /** The path with the symlinks of its nearest existing ancestor resolved; the rest appended. */
    private static Path real(Path p, String asWritten) throws ToolError {
        Path existing = p;
        while (existing != null && !Files.exists(existing, LinkOption.NOFOLLOW_LINKS)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            return p;
        }
        try {
            return existing.toRealPath().resolve(existing.relativize(p)).normalize();
        } catch (IOException e) {
            throw new ToolError("access denied: '" + asWritten + "' is a link that leads nowhere");
        }
    }

    /** {@code real} as the model should see it: relative to the workdir. */
    String show(Path real) {
        return real.equals(workdir) ? "." : workdir.relativize(real).toString();
    }
}
