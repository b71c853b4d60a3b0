package dev.cfn.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.cfn.agents.bench.ScriptedMessagesApi;
import dev.cfn.agents.claude.ClaudeExecutable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The real Claude Code CLI in tests: skips a test on a machine without it (a user's fresh clone; CI
 * installs it), makes the environment that points it at a {@link ScriptedMessagesApi} with its
 * configuration, sessions and temporary files in a test folder, and finds the claude processes such
 * an environment started that are still alive.
 */
public final class ClaudeCli {
    /** The API key the tests give Claude Code: it must reach the server and nothing else. */
    public static final String API_KEY = "sk-ant-api03-test-secret-0123456789";

    private ClaudeCli() {}

    /** Skips the calling test, with the way to install it, when the claude CLI is not on PATH. */
    public static void assumeInstalled() {
        assumeTrue(
                ClaudeExecutable.find(System.getenv()).isPresent(),
                "the claude CLI is not installed: npm install -g @anthropic-ai/claude-code@2.1.332 (CI installs it)");
    }

    /**
     * cfn's environment for agents that run Claude Code against {@code api}: PATH, a HOME, the
     * key and base URL, Claude Code's config and temporary folders under {@code dir}, no retries.
     */
    public static Map<String, String> env(ScriptedMessagesApi api, Path dir) throws IOException {
        Map<String, String> env = new HashMap<>();
        env.put("PATH", System.getenv("PATH"));
        env.put("LANG", "C.UTF-8");
        env.put("HOME", Files.createDirectories(dir.resolve("home")).toString());
        env.put("ANTHROPIC_BASE_URL", api.baseUrl());
        env.put("ANTHROPIC_API_KEY", API_KEY);
        env.put(
                "CLAUDE_CONFIG_DIR",
                Files.createDirectories(dir.resolve("claude-config")).toString());
        env.put(
                "CLAUDE_CODE_TMPDIR",
                Files.createDirectories(dir.resolve("claude-tmp")).toString());
        env.put("CLAUDE_CODE_MAX_RETRIES", "0");
        return env;
    }

    /** Live processes whose environment holds {@code configDir} as CLAUDE_CONFIG_DIR (orphans included). */
    public static List<ProcessHandle> alive(Path configDir) {
        byte[] marker = ("CLAUDE_CONFIG_DIR=" + configDir).getBytes(StandardCharsets.UTF_8);
        return ProcessHandle.allProcesses()
                .filter(p -> p.pid() != ProcessHandle.current().pid())
                .filter(p -> environHolds(p.pid(), marker))
                .toList();
    }

    private static boolean environHolds(long pid, byte[] marker) {
        try {
            byte[] env = Files.readAllBytes(Path.of("/proc", Long.toString(pid), "environ"));
            outer:
            for (int i = 0; i + marker.length <= env.length; i++) {
                if (i > 0 && env[i - 1] != 0) {
                    continue;
                }
                for (int j = 0; j < marker.length; j++) {
                    if (env[i + j] != marker[j]) {
                        continue outer;
                    }
                }
                if (i + marker.length == env.length || env[i + marker.length] == 0) {
                    return true;
                }
            }
            return false;
        } catch (IOException | SecurityException e) {
            return false; // gone, or not ours to read
        }
    }
}
