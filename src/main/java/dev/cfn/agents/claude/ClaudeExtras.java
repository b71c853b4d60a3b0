package dev.cfn.agents.claude;

import dev.cfn.RetriableException;
import dev.cfn.agents.AgentChannel;
import dev.cfn.agents.AgentFiles;
import dev.cfn.agents.AgentInvocation;
import dev.cfn.json.JsonText;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * What one Claude Code run gets besides its prompts, made before it starts and removed after it:
 * the orchestrator's MCP endpoint (a seat on the {@link AgentChannel}, handed over with {@code
 * --mcp-config} in an owner-only file, since it holds the run's token), and, for a definition with
 * {@code skill_mode: plugin}, its loaded skills as a run-private Claude Code plugin ({@code
 * --plugin-dir}: {@code .claude-plugin/plugin.json} and {@code skills/<name>/SKILL.md}) in the run's
 * log folder, so neither the user's configuration nor the project's files are touched. An agent in a
 * container ({@code sandbox: container}) gets neither: it answers as before ({@code --json-schema}).
 */
final class ClaudeExtras implements AutoCloseable {
    /** The tools of the endpoint an agent may call. */
    static final List<String> CHANNEL_TOOLS = List.of("mcp__cfn__report_result", "mcp__cfn__skills_for_agent");

    /** The plugin's name: Claude Code shows its skills as {@code cfn-skills:<name>}. */
    static final String PLUGIN = "cfn-skills";

    static final ClaudeExtras NONE = new ClaudeExtras(null, null, null);

    private final AgentChannel.Seat seat;
    private final Path mcpConfig;
    private final Path pluginDir;

    private ClaudeExtras(AgentChannel.Seat seat, Path mcpConfig, Path pluginDir) {
        this.seat = seat;
        this.mcpConfig = mcpConfig;
        this.pluginDir = pluginDir;
    }

    /** @throws RetriableException when a file cannot be written (nothing is left behind) */
    static ClaudeExtras prepare(AgentInvocation inv, AgentChannel channel) {
        if (inContainer(inv)) {
            // 127.0.0.1 in a container is the container's own; the log folder is not mounted there
            return NONE;
        }
        AgentChannel.Seat seat = channel.open(inv).orElse(null);
        Path config = null;
        Path plugin = null;
        try {
            if (seat != null) {
                config = writeMcpConfig(inv, seat);
            }
            if (isPluginMode(inv)) {
                plugin = writePlugin(inv);
            }
            return new ClaudeExtras(seat, config, plugin);
        } catch (IOException | RuntimeException e) {
            new ClaudeExtras(seat, config, plugin).close();
            throw new RetriableException(
                    "cannot prepare the Claude Code files of agent " + inv.agentId() + ": " + e.getMessage(), e);
        }
    }

    static boolean isPluginMode(AgentInvocation inv) {
        return "plugin".equals(inv.definition().skillMode()) && !inContainer(inv);
    }

    /** An agent in a container ({@code sandbox: container}) answers through its output. */
    private static boolean inContainer(AgentInvocation inv) {
        return inv.definition().inContainer();
    }

    AgentChannel.Seat seat() {
        return seat;
    }

    /** The options this run adds to the command line. */
    List<String> options() {
        List<String> out = new ArrayList<>();
        if (mcpConfig != null) {
            out.addAll(List.of("--mcp-config", mcpConfig.toString()));
        }
        if (pluginDir != null) {
            out.addAll(List.of("--plugin-dir", pluginDir.toString()));
        }
        return out;
    }

    /** The tools this run adds to the definition's allowed tools. */
    List<String> tools() {
        List<String> out = new ArrayList<>();
        if (seat != null) {
            out.addAll(CHANNEL_TOOLS);
        }
        if (pluginDir != null) {
            out.add("Skill");
        }
        return out;
    }

    private static Path writeMcpConfig(AgentInvocation inv, AgentChannel.Seat seat) throws IOException {
        Map<String, Object> server = new LinkedHashMap<>();
        server.put("type", "http");
        server.put("url", seat.url());
        server.put("headers", Map.of("Authorization", "Bearer " + seat.token()));
        String json = JsonText.compact(Map.of("mcpServers", Map.of("cfn", server)));
        Path file = AgentFiles.file(inv, ".mcp.json");
        Files.deleteIfExists(file);
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(file, json);
        return file;
    }

    private static Path writePlugin(AgentInvocation inv) throws IOException {
        Path root = AgentFiles.file(inv, ".plugin");
        deleteTree(root);
        Path plugin = root.resolve(PLUGIN);
        Files.createDirectories(plugin.resolve(".claude-plugin"));
        Map<String, Object> manifest = new LinkedHashMap<>();
        manifest.put("name", PLUGIN);
        manifest.put("version", "1.0.0");
        manifest.put("description", "The skills cfn loaded for agent " + inv.agentId());
        Files.writeString(plugin.resolve(".claude-plugin").resolve("plugin.json"), JsonText.of(manifest));
        for (Map<String, Object> skill : ClaudePrompts.skills(inv)) {
            String name = AgentFiles.safe(String.valueOf(skill.getOrDefault("name", "skill")));
            Path dir = Files.createDirectories(plugin.resolve("skills").resolve(name));
            Files.writeString(dir.resolve("SKILL.md"), String.valueOf(skill.getOrDefault("content", "")));
        }
        return plugin;
    }

    @Override
    public void close() {
        if (seat != null) {
            seat.close();
        }
        try {
            if (mcpConfig != null) {
                Files.deleteIfExists(mcpConfig);
            }
            if (pluginDir != null) {
                deleteTree(pluginDir.getParent());
            }
        } catch (IOException e) {
            // a file left in the run's log folder: not worth failing the run for
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
