package dev.cfn.agents.process;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A process that a runtime builds itself (the Claude Code CLI) rather than a definition's {@code
 * command}, for {@link ProcessRunner#follow}: stdin is {@code /dev/null}, stdout is read live.
 *
 * @param argv the program and its arguments (resource limits wrap it as they wrap a command)
 * @param env what the runtime adds to the agent's environment after the allowlist and before the
 *     definition's {@code env:} (which may override it)
 * @param stdoutCopy where every byte of stdout is kept, gzip-compressed when the name ends in
 *     {@code .gz}
 * @param follower called with each stdout line (without its line break) as it is written
 */
public record Launch(List<String> argv, Map<String, String> env, Path stdoutCopy, LineFollower follower) {
    public Launch {
        argv = List.copyOf(argv);
        env = Map.copyOf(env);
        Objects.requireNonNull(stdoutCopy, "stdoutCopy");
        Objects.requireNonNull(follower, "follower");
        if (argv.isEmpty()) {
            throw new IllegalArgumentException("argv must name a program");
        }
    }

    /**
     * Hears a followed process's stdout, one line at a time, on one reader thread (never
     * concurrently). Throwing ends the process tree at once; the exception's message becomes the
     * outcome's {@link ProcessOutcome#stopReason()}, and later lines are still kept but no longer
     * followed.
     */
    @FunctionalInterface
    public interface LineFollower {
        void line(String line);
    }
}
