package dev.cfn.agents.claude;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;

/**
 * One short line for a tool call: the tool's name and its main input, e.g. {@code Edit src/app.py}
 * or {@code Bash pytest -q}; paths inside the working folder are shown relative to it.
 */
final class ToolSummary {
    static final int MAX = 120;

    private static final Map<String, String> MAIN_INPUT = Map.ofEntries(
            Map.entry("Read", "file_path"),
            Map.entry("Write", "file_path"),
            Map.entry("Edit", "file_path"),
            Map.entry("MultiEdit", "file_path"),
            Map.entry("NotebookEdit", "notebook_path"),
            Map.entry("Bash", "command"),
            Map.entry("Glob", "pattern"),
            Map.entry("Grep", "pattern"),
            Map.entry("WebFetch", "url"),
            Map.entry("WebSearch", "query"),
            Map.entry("Task", "description"),
            Map.entry("Agent", "description"),
            Map.entry("Skill", "skill"));

    private ToolSummary() {}

    static String of(String tool, JsonNode input, Path workdir) {
        boolean answer = tool.equals("StructuredOutput") || tool.equals(ClaudeExtras.CHANNEL_TOOLS.get(0));
        if (answer && input != null) {
            JsonNode confidence = input.get("confidence");
            return "answer" + (confidence == null ? "" : " (confidence " + confidence.asText() + ")");
        }
        String main = main(tool, input);
        if (main == null) {
            return clip(tool);
        }
        String key = MAIN_INPUT.get(tool);
        if (key != null && key.endsWith("_path")) {
            main = relative(main, workdir);
        }
        return clip(tool + " " + main.strip().replaceAll("\\s+", " "));
    }

    private static String main(String tool, JsonNode input) {
        if (input == null || !input.isObject()) {
            return null;
        }
        String key = MAIN_INPUT.get(tool);
        if (key != null && input.path(key).isTextual()) {
            return input.get(key).asText();
        }
        for (Iterator<JsonNode> it = input.elements(); it.hasNext(); ) {
            JsonNode value = it.next();
            if (value.isTextual() && !value.asText().isBlank()) {
                return value.asText();
            }
        }
        return null;
    }

    private static String relative(String path, Path workdir) {
        try {
            Path p = Path.of(path);
            Path dir = workdir.toAbsolutePath().normalize();
            return p.isAbsolute()
                            && p.normalize().startsWith(dir)
                            && !p.normalize().equals(dir)
                    ? dir.relativize(p.normalize()).toString()
                    : path;
        } catch (InvalidPathException e) {
            return path;
        }
    }

    private static String clip(String text) {
        return text.length() <= MAX ? text : text.substring(0, MAX - 3) + "...";
    }
}
