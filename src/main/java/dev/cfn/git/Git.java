package dev.cfn.git;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * One folder worked through the {@code git} CLI. Each call starts one {@code git} process in the
 * folder, with the user's global and system configuration ignored where it changes output ({@code
 * -c core.quotepath=off}, no pager, no prompts) and a timeout. Thread-safe: it holds no state but
 * the folder. Calls that change a repository are the caller's to order.
 */
public final class Git {
    /** The author and committer of commits cfn makes, never the user's identity. */
    public static final String CFN_NAME = "cfn";

    public static final String CFN_EMAIL = "cfn@localhost";

    private static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(2);

    private final Path dir;
    private final Duration timeout;

    private Git(Path dir, Duration timeout) {
        this.dir = dir.toAbsolutePath().normalize();
        this.timeout = timeout;
    }

    /** Git commands run in {@code dir} (which must exist when a command runs). */
    public static Git at(Path dir) {
        return new Git(dir, DEFAULT_TIMEOUT);
    }

    /** The same folder with another timeout per command. */
    public Git withTimeout(Duration timeout) {
        return new Git(dir, timeout);
    }

    public Path dir() {
        return dir;
    }

    /** Whether a {@code git} executable answers on this machine. */
    public static boolean installed() {
        try {
            return at(Path.of(".")).exec(List.of("--version"), null).exitCode() == 0;
        } catch (GitException e) {
            return false;
        }
    }

    /** Whether the folder is inside a git work tree (false when git is missing or it is not). */
    public boolean isRepository() {
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try {
            Result r = exec(List.of("rev-parse", "--is-inside-work-tree"), null);
            return r.exitCode() == 0 && r.out().strip().equals("true");
        } catch (GitException e) {
            return false;
        }
    }

    /** The top folder of the work tree this folder is in. */
    public Path topLevel() {
        return Path.of(run("rev-parse", "--show-toplevel").strip());
    }

    /** The commit HEAD points at; empty in a repository with no commit yet. */
    public Optional<String> head() {
        Result r = exec(List.of("rev-parse", "--verify", "--quiet", "HEAD^{commit}"), null);
        return r.exitCode() == 0 ? Optional.of(r.out().strip()) : Optional.empty();
    }

    /** {@code git status --porcelain=v1 -z}-style entries, one per changed or untracked path. */
    public List<String> changedPaths() {
        String out = run("status", "--porcelain=v1", "-z", "--untracked-files=all");
        List<String> paths = new ArrayList<>();
        String[] parts = out.split("\0");
        for (int i = 0; i < parts.length; i++) {
            String entry = parts[i];
            if (entry.length() < 4) {
                continue;
            }
            paths.add(entry.substring(3));
            if (entry.charAt(0) == 'R' || entry.charAt(0) == 'C') {
                i++; // the rename's source follows as its own field
            }
        }
        return paths;
    }

    /**
     * The id of a tree object holding this folder's files as they are now: tracked and untracked,
     * modified or not, without ignored paths and without {@code excluded} (paths inside the folder,
     * e.g. cfn's home). Built in a temporary index, so the repository's index, HEAD and work tree
     * are left as they were; the tree's objects are written to the repository (unreferenced, so
     * {@code git gc} may prune them after its grace period).
     *
     * @throws GitException when git fails or the folder is not in a repository
     */
    public String snapshotTree(List<Path> excluded) {
        Path tmp;
        try {
            tmp = Files.createTempDirectory("cfn-index-");
        } catch (IOException e) {
            throw new GitException("cannot make a temporary index for " + dir + ": " + e.getMessage(), e);
        }
        Map<String, String> env = Map.of("GIT_INDEX_FILE", tmp.resolve("index").toString());
        try {
            List<String> add = new ArrayList<>(List.of("add", "--all", "--", "."));
            for (Path p : excluded) {
                Path abs = p.toAbsolutePath().normalize();
                if (abs.startsWith(dir) && !abs.equals(dir)) {
                    add.add(":(exclude)" + dir.relativize(abs));
                }
            }
            check(add, exec(add, null, env));
            return check(List.of("write-tree"), exec(List.of("write-tree"), null, env))
                    .strip();
        } finally {
            try {
                Files.deleteIfExists(tmp.resolve("index"));
                Files.deleteIfExists(tmp);
            } catch (IOException e) {
                // a temporary file left in the system's temp folder is not worth failing the run for
            }
        }
    }

    /** The paths that differ between two trees or commits ({@code git diff --name-only}). */
    public List<String> changedBetween(String from, String to) {
        String out = run("diff", "--name-only", "-z", from, to);
        List<String> paths = new ArrayList<>();
        for (String p : out.split("\0")) {
            if (!p.isEmpty()) {
                paths.add(p);
            }
        }
        return paths;
    }

    /** Git's patch from one tree or commit to another ({@code git diff --no-color}). */
    public String diff(String from, String to) {
        return run("diff", "--no-color", from, to);
    }

    /** Whether {@code object} (a commit or tree id) is in the repository. */
    public boolean hasObject(String object) {
        return exec(List.of("cat-file", "-e", object), null).ok();
    }

    /**
     * Runs {@code git args...} and returns its stdout.
     *
     * @throws GitException when git exits non-zero (the message names the command and git's first
     *     line of stderr), is missing, or exceeds the timeout
     */
    public String run(String... args) {
        return check(List.of(args), exec(List.of(args), null));
    }

    /** Runs {@code git args...} with {@code stdin} fed to it; stdout on success. */
    public String runWithInput(String stdin, String... args) {
        return check(List.of(args), exec(List.of(args), stdin));
    }

    /** Runs {@code git args...}, whatever its exit code; throws only when git cannot run. */
    public Result tryRun(String... args) {
        return exec(List.of(args), null);
    }

    /** Runs {@code git args...} as cfn (author and committer {@value #CFN_NAME}), stdout on success. */
    public String runAsCfn(String... args) {
        return check(List.of(args), exec(List.of(args), null, cfnIdentity()));
    }

    /** Runs {@code git args...} as cfn, whatever its exit code (e.g. a merge that may conflict). */
    public Result tryRunAsCfn(String... args) {
        return exec(List.of(args), null, cfnIdentity());
    }

    /**
     * Runs {@code git args...} with {@code env} added to its environment (e.g. {@code
     * GIT_INDEX_FILE}), as cfn; stdout on success.
     */
    public String runWithEnv(Map<String, String> env, String... args) {
        Map<String, String> all = new java.util.HashMap<>(cfnIdentity());
        all.putAll(env);
        return check(List.of(args), exec(List.of(args), null, all));
    }

    /** What a git command printed and how it exited. */
    public record Result(int exitCode, String out, String err) {
        public boolean ok() {
            return exitCode == 0;
        }
    }

    private static Map<String, String> cfnIdentity() {
        return Map.of(
                "GIT_AUTHOR_NAME", CFN_NAME,
                "GIT_AUTHOR_EMAIL", CFN_EMAIL,
                "GIT_COMMITTER_NAME", CFN_NAME,
                "GIT_COMMITTER_EMAIL", CFN_EMAIL);
    }

    private String check(List<String> args, Result r) {
        if (!r.ok()) {
            String why = r.err().strip().lines().findFirst().orElse("exit code " + r.exitCode());
            throw new GitException("git " + String.join(" ", args) + " in " + dir + " failed: " + why);
        }
        return r.out();
    }

    private Result exec(List<String> args, String stdin) {
        return exec(args, stdin, Map.of());
    }

    private Result exec(List<String> args, String stdin, Map<String, String> env) {
        List<String> command = new ArrayList<>(List.of("git", "-c", "core.quotepath=off", "--no-pager"));
        command.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile());
        pb.environment().put("GIT_TERMINAL_PROMPT", "0");
        pb.environment().put("LC_ALL", "C");
        pb.environment().putAll(env);
        if (stdin == null) {
            pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        }
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            throw new GitException("git could not start in " + dir + ": " + e.getMessage(), e);
        }
        CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> read(p.getInputStream()));
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(p.getErrorStream()));
        try {
            if (stdin != null) {
                try (var in = p.getOutputStream()) {
                    in.write(stdin.getBytes(StandardCharsets.UTF_8));
                }
            }
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                throw new GitException("git " + String.join(" ", args) + " in " + dir + " took longer than " + timeout);
            }
            return new Result(p.exitValue(), out.join(), err.join());
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new GitException("git " + String.join(" ", args) + " interrupted", e);
        } catch (IOException e) {
            p.destroyForcibly();
            throw new GitException("git " + String.join(" ", args) + " in " + dir + ": " + e.getMessage(), e);
        }
    }

    private static String read(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
