package dev.cfn.agents;

import dev.cfn.RetriableException;
import dev.cfn.json.Json;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The files of one agent run under {@code <logDir>/<taskId>/}: {@code <agentId>.out} (its stdout)
 * and {@code <agentId>.log} (its stderr), plus its input as bytes for stdin. The process runner
 * copies the output into them capped (the first and last bytes of each stream kept), and waits for
 * the copy only a grace period after the process ends, so a grandchild holding stdout open cannot
 * stall the run.
 */
public record AgentFiles(byte[] input, Path stdout, Path log) {
    /** The suffix of a transcript file (see {@link #transcript}). */
    public static final String TRANSCRIPT = ".stream.jsonl.gz";
    /** The answer is read from at most this much of the end of stdout. */
    static final int MAX_READ = 1024 * 1024;

    private static final Set<Path> MADE = ConcurrentHashMap.newKeySet();

    /** Creates the folder (once per JVM) and serialises the invocation's input. */
    public static AgentFiles prepare(AgentInvocation invocation) {
        Path dir = folder(invocation);
        String id = safe(invocation.agentId());
        try {
            return new AgentFiles(
                    Json.mapper().writeValueAsBytes(invocation.input()),
                    dir.resolve(id + ".out"),
                    dir.resolve(id + ".log"));
        } catch (IOException e) {
            throw new RetriableException(
                    "cannot prepare the run of agent " + invocation.agentId() + " in " + dir + ": " + e.getMessage(),
                    e);
        }
    }

    /**
     * The file {@code <logDir>/<taskId>/<agentId><suffix>} of an invocation (its folder made), e.g.
     * {@link #TRANSCRIPT}.
     */
    public static Path file(AgentInvocation invocation, String suffix) {
        return folder(invocation).resolve(safe(invocation.agentId()) + suffix);
    }

    /**
     * Where an agent's transcript is kept (Claude Code's stream-json, gzip-compressed): {@code
     * <logDir>/<taskId>/<agentId>.stream.jsonl.gz}; the file may not exist (a process agent has none).
     */
    public static Path transcript(Path logDir, String taskId, String agentId) {
        return logDir.resolve(safe(taskId)).resolve(safe(agentId) + TRANSCRIPT);
    }

    private static Path folder(AgentInvocation invocation) {
        Path dir = invocation.logDir().resolve(safe(invocation.taskId()));
        try {
            if (!MADE.contains(dir) || !Files.isDirectory(dir)) {
                Files.createDirectories(dir);
                MADE.add(dir);
            }
            return dir;
        } catch (IOException e) {
            throw new RetriableException(
                    "cannot prepare the run of agent " + invocation.agentId() + " in " + dir + ": " + e.getMessage(),
                    e);
        }
    }

    /** A name safe as one path segment: anything but letters, digits, '.', '_' and '-' becomes '_'. */
    public static String safe(String name) {
        String s = name.replaceAll("[^A-Za-z0-9._-]", "_");
        return s.isEmpty() || s.chars().allMatch(c -> c == '.') ? "_" + s : s;
    }

    public String readStdout() {
        return tail(stdout, MAX_READ);
    }

    /**
     * The last non-blank line of the stderr log (for a failure's reason), or null; a CLI's closing
     * usage hint ({@code Run 'docker run --help' for more information}, {@code See 'docker run
     * --help'.}) is passed over for the error above it.
     */
    public String lastLogLine() {
        List<String> lines = tail(log, 4096)
                .strip()
                .lines()
                .map(String::strip)
                .filter(l -> !l.isEmpty())
                .toList();
        if (lines.isEmpty()) {
            return null;
        }
        int i = lines.size() - 1;
        while (i > 0 && USAGE_HINT.matcher(lines.get(i)).matches()) {
            i--;
        }
        String last = lines.get(i);
        return last.length() > 300 ? last.substring(0, 300) + "..." : last;
    }

    private static final Pattern USAGE_HINT = Pattern.compile("(Run|See) '[^']+ --help'( for more information)?\\.?");

    static String tail(Path file, int max) {
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "r")) {
            long length = f.length();
            int n = (int) Math.min(length, max);
            byte[] bytes = new byte[n];
            f.seek(length - n);
            f.readFully(bytes);
            return new String(bytes, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }
}
