package dev.cfn.config;

import java.nio.file.Path;
import java.util.List;

/**
 * Who may call {@code cfn serve} beyond its defaults, from {@code <home>/config}.
 *
 * @param hosts names a request's {@code Host} may use besides localhost, the loopback addresses and
 *     this machine's own addresses ({@code api.hosts}, e.g. a load balancer's name)
 * @param origins web origins whose pages may call the API besides the server's own ({@code
 *     api.origins}, each {@code scheme://host[:port]})
 * @param roots the only folders (and their subfolders) a loop started through the API may use as its
 *     workdir or agents folder ({@code api.roots}); absolute
 * @param tokenOnHealthAndMetrics true: {@code /health} and {@code /metrics} need the token too
 *     ({@code api.metrics_token})
 */
public record ApiSettings(List<String> hosts, List<String> origins, List<Path> roots, boolean tokenOnHealthAndMetrics) {
    public ApiSettings {
        hosts = List.copyOf(hosts);
        origins = List.copyOf(origins);
        roots = List.copyOf(roots);
        for (Path root : roots) {
            if (!root.isAbsolute()) {
                throw new IllegalArgumentException("roots must be absolute, but was " + root);
            }
        }
    }

    /** Nothing listed; loops only under {@code currentDir}; /health and /metrics open on loopback. */
    public static ApiSettings defaults(Path currentDir) {
        return new ApiSettings(List.of(), List.of(), List.of(currentDir.toAbsolutePath()), false);
    }
}
