package dev.cfn.agents.llm.tools;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** {@code Write {file_path, content}}: creates or replaces a file (and its missing folders). */
final class WriteTool implements Tool {
    private final PathGuard guard;

    WriteTool(PathGuard guard) {
        this.guard = guard;
    }

    @Override
    public ToolSpec spec() {
        return new ToolSpec(
                "Write",
                "Writes a file of the working folder, replacing it if it exists.",
                Map.of(
                        "file_path", ToolSpec.field("string", "the file, relative to the working folder or absolute"),
                        "content", ToolSpec.field("string", "the whole content")),
                List.of("file_path", "content"));
    }

    @Override
    public String run(JsonNode input) throws ToolError {
        String asWritten = Tool.text(input, "file_path");
        String content = Tool.text(input, "content");
        Path file = guard.resolve(asWritten);
        if (Files.isDirectory(file)) {
            throw new ToolError("'" + asWritten + "' is a folder");
        }
        try {
            Files.createDirectories(file.getParent());
            byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
            Files.write(file, bytes);
            return "wrote " + bytes.length + " bytes to " + guard.show(file);
        } catch (IOException e) {
            throw new ToolError("cannot write '" + asWritten + "': " + e.getMessage());
        }
    }
}
