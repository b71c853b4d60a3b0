package dev.cfn.agents.llm.tools;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * {@code Edit {file_path, old_string, new_string, replace_all?}}: replaces text that occurs exactly
 * once (or every occurrence with replace_all).
 */
final class EditTool implements Tool {
    private final PathGuard guard;

    EditTool(PathGuard guard) {
        this.guard = guard;
    }

    @Override
    public ToolSpec spec() {
        return new ToolSpec(
                "Edit",
                "Replaces old_string by new_string in a file. old_string must occur exactly once unless"
                        + " replace_all is true.",
                Map.of(
                        "file_path", ToolSpec.field("string", "the file, relative to the working folder or absolute"),
                        "old_string", ToolSpec.field("string", "the text to replace"),
                        "new_string", ToolSpec.field("string", "the text to put instead"),
                        "replace_all", ToolSpec.field("boolean", "replace every occurrence")),
                List.of("file_path", "old_string", "new_string"));
    }

    @Override
    public String run(JsonNode input) throws ToolError {
        String asWritten = Tool.text(input, "file_path");
        String oldText = Tool.text(input, "old_string");
        String newText = Tool.text(input, "new_string");
        boolean all = input.path("replace_all").asBoolean(false);
        Path file = guard.resolve(asWritten);
        if (oldText.isEmpty()) {
            throw new ToolError("'old_string' must not be empty (use Write to create a file)");
        }
        if (oldText.equals(newText)) {
            throw new ToolError("'old_string' and 'new_string' are the same: nothing to change");
        }
        if (!Files.isRegularFile(file)) {
            throw new ToolError("file '" + asWritten + "' does not exist");
        }
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            int count = occurrences(text, oldText);
            if (count == 0) {
                throw new ToolError("'old_string' does not occur in " + guard.show(file));
            }
            if (count > 1 && !all) {
                throw new ToolError("'old_string' occurs " + count + " times in " + guard.show(file)
                        + ": give more context to make it unique, or set replace_all");
            }
            String changed = all
                    ? text.replace(oldText, newText)
                    : text.replaceFirst(
                            java.util.regex.Pattern.quote(oldText), java.util.regex.Matcher.quoteReplacement(newText));
            Files.writeString(file, changed, StandardCharsets.UTF_8);
            return "replaced " + (all ? count : 1) + " occurrence" + (all && count > 1 ? "s" : "") + " in "
                    + guard.show(file);
        } catch (IOException e) {
            throw new ToolError("cannot edit '" + asWritten + "': " + e.getMessage());
        }
    }

    private static int occurrences(String text, String part) {
        int n = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + part.length())) {
            n++;
        }
        return n;
    }
}
