package dev.cfn.loop;

import dev.cfn.git.Git;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * What a workdir holds at one moment, for the check that an iteration changed something and for
 * {@code cfn loop diff}. In a git work tree: a tree object of its files (tracked and untracked,
 * ignored ones left out, see {@link Git#snapshotTree}) and HEAD. Elsewhere: a SHA-256 over every
 * file's path and content, leaving out {@code .git}, cfn's home and what the workdir's top-level
 * {@code .gitignore} names (its plain patterns: {@code name}, {@code dir/}, {@code /rooted},
 * globs; {@code !} negations are not honoured).
 *
 * @param tree the git tree id, or {@code sha256:<hex>} outside git
 * @param head the commit HEAD pointed at, or null (outside git, or no commit yet)
 */
public record WorkdirState(String tree, String head) {
    static final String HASH_PREFIX = "sha256:";

    public WorkdirState {
        Objects.requireNonNull(tree, "tree");
    }

    /** Whether this state is a git tree (not a content hash). */
    public boolean git() {
        return !tree.startsWith(HASH_PREFIX);
    }

    /** The workdir as it is now; {@code excluded} are paths left out (cfn's home). */
    static WorkdirState of(Path workdir, List<Path> excluded) {
        Git git = Git.at(workdir);
        if (git.isRepository()) {
            return new WorkdirState(git.snapshotTree(excluded), git.head().orElse(null));
        }
        return new WorkdirState(HASH_PREFIX + contentHash(workdir, excluded), null);
    }

    /** The commit HEAD of {@code workdir} points at, or null outside git or before a first commit. */
    static String headOf(Path workdir) {
        Git git = Git.at(workdir);
        return git.isRepository() ? git.head().orElse(null) : null;
    }

    /** Whether nothing changed from {@code before} to this state (same files, same HEAD). */
    boolean same(WorkdirState before) {
        return tree.equals(before.tree()) && Objects.equals(head, before.head());
    }

    private static String contentHash(Path workdir, List<Path> excluded) {
        Path root = workdir.toAbsolutePath().normalize();
        List<Path> skip = excluded.stream()
                .map(p -> p.toAbsolutePath().normalize())
                .filter(p -> p.startsWith(root) && !p.equals(root))
                .toList();
        List<Rule> ignored = ignoreRules(root);
        MessageDigest sha = sha256();
        List<Path> files = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(root)) {
            walk.filter(Files::isRegularFile)
                    .filter(p -> kept(root, root.relativize(p), skip, ignored))
                    .forEach(files::add);
        } catch (IOException | UncheckedIOException e) {
            throw new dev.cfn.CfnException(
                    "cannot read the workdir " + root + " to see what changed: " + e.getMessage(), e);
        }
        files.sort(null);
        byte[] buffer = new byte[64 * 1024];
        for (Path f : files) {
            sha.update(root.relativize(f).toString().getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            try (InputStream in = Files.newInputStream(f)) {
                for (int n = in.read(buffer); n > 0; n = in.read(buffer)) {
                    sha.update(buffer, 0, n);
                }
            } catch (IOException e) {
                sha.update("unreadable".getBytes(StandardCharsets.UTF_8)); // a file going away mid-walk
            }
            sha.update((byte) 0);
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    private static boolean kept(Path root, Path rel, List<Path> skip, List<Rule> ignored) {
        Path abs = root.resolve(rel);
        for (Path s : skip) {
            if (abs.startsWith(s)) {
                return false;
            }
        }
        for (int i = 0; i < rel.getNameCount(); i++) {
            Path prefix = rel.subpath(0, i + 1);
            if (prefix.getFileName().toString().equals(".git")) {
                return false;
            }
            boolean dir = i < rel.getNameCount() - 1;
            for (Rule r : ignored) {
                if ((dir || !r.dirOnly()) && r.matcher().matches(prefix)) {
                    return false;
                }
            }
        }
        return true;
    }

    /** The top-level {@code .gitignore}'s patterns as matchers of workdir-relative paths. */
    private static List<Rule> ignoreRules(Path root) {
        Path file = root.resolve(".gitignore");
        List<Rule> out = new ArrayList<>();
        if (!Files.isRegularFile(file)) {
            return out;
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return out;
        }
        for (String raw : lines) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#") || line.startsWith("!")) {
                continue;
            }
            boolean dirOnly = line.endsWith("/");
            String p = dirOnly ? line.substring(0, line.length() - 1) : line;
            boolean rooted = p.startsWith("/") || p.contains("/");
            p = p.startsWith("/") ? p.substring(1) : p;
            String glob = p.replace("{", "\\{").replace("}", "\\}");
            try {
                out.add(new Rule(FileSystems.getDefault().getPathMatcher("glob:" + glob), dirOnly));
                if (!rooted) {
                    out.add(new Rule(FileSystems.getDefault().getPathMatcher("glob:**/" + glob), dirOnly));
                }
            } catch (IllegalArgumentException e) {
                // a pattern Java's globs cannot read is left out, as git leaves out what it cannot match
            }
        }
        return out;
    }

    /** One {@code .gitignore} pattern; {@code dirOnly} for a pattern ending in '/'. */
    private record Rule(PathMatcher matcher, boolean dirOnly) {}

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
