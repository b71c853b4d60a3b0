package dev.cfn.http;

import io.javalin.http.ForbiddenResponse;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The folders under which a loop started through the API may work ({@code api.roots}): its workdir
 * and agents folder must be one of them or below one, compared as real paths (so neither {@code ..}
 * nor a symbolic link leads out). Anything else is 403 naming the field and the roots. Thread-safe.
 */
final class LoopRoots {
    private final List<Path> roots;
    private final String configHint;

    LoopRoots(List<Path> roots, String configHint) {
        this.roots = roots.stream().map(LoopRoots::real).toList();
        this.configHint = configHint;
    }

    /**
     * @param field the request's field, for the message
     * @throws ForbiddenResponse when {@code path} is not under a root
     */
    void require(String field, String path) {
        Path real;
        try {
            real = real(Path.of(path));
        } catch (InvalidPathException e) {
            real = null;
        }
        Path found = real;
        if (found == null || roots.stream().noneMatch(found::startsWith)) {
            throw new ForbiddenResponse("field '" + field + "' must be a folder under "
                    + (roots.isEmpty()
                            ? "a root listed in api.roots (none is)"
                            : roots.stream().map(Path::toString).collect(Collectors.joining(", ")))
                    + ", the folders this server may run loops in (api.roots in " + configHint + "), but was '" + path
                    + "'");
        }
    }

    /** The real path of the longest existing part, and the rest (normalised) below it. */
    static Path real(Path path) {
        Path absolute = path.toAbsolutePath().normalize();
        Path existing = absolute;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            return absolute;
        }
        try {
            return existing.toRealPath().resolve(existing.relativize(absolute)).normalize();
        } catch (IOException e) {
            return absolute;
        }
    }
}
