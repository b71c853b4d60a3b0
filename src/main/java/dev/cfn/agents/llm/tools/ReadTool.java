package dev.cfn.agents.llm.tools;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** {@code Read {file_path, offset?, limit?}}: lines numbered from 1 as {@code cat -n} shows them. */
final class ReadTool implements Tool {
    static final int DEFAULT_LIMIT = 2000;
    static final int MAX_LINE = 2000;

    private final PathGuard guard;

    ReadTool(PathGuard guard) {
        this.guard = guard;
    }

    @Override
    public ToolSpec spec() {
        return new ToolSpec(
                "Read",
                "Reads a file of the working folder. Lines are numbered from 1; offset is the first line to read"
                        + " and limit how many (" + DEFAULT_LIMIT + " by default).",
                Map.of(
                        "file_path", ToolSpec.field("string", "the file, relative to the working folder or absolute"),
                        "offset", ToolSpec.field("integer", "the line to start at (1-based)"),
                        "limit", ToolSpec.field("integer", "how many lines to read")),
                List.of("file_path"));
    }

    @Override
    public String run(JsonNode input) throws ToolError {
        String asWritten = Tool.text(input, "file_path");
        Path file = guard.resolve(asWritten);
        long offset = Tool.number(input, "offset", 0, 1);
        long limit = Tool.number(input, "limit", 1, DEFAULT_LIMIT);
        if (Files.isDirectory(file)) {
            throw new ToolError("'" + asWritten + "' is a folder, not a file (use Glob to list it)");
        }
        if (!Files.isRegularFile(file)) {
            throw new ToolError("file '" + asWritten + "' does not exist");
        }
        var decoder = StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE);
        StringBuilder out = new StringBuilder();
        try (BufferedReader in =
                new BufferedReader(new java.io.InputStreamReader(Files.newInputStream(file), decoder))) {
            long n = 0;
            long first = Math.max(1, offset);
            for (String line = in.readLine(); line != null && n < first - 1 + limit; line = in.readLine()) {
                n++;
                if (n >= first) {
                    String shown = line.length() > MAX_LINE ? line.substring(0, MAX_LINE) + "..." : line;
                    number(out, n).append('\t').append(shown).append('\n');
                }
            }
            if (n == 0) {
                return "(the file is empty)";
            }
        } catch (IOException e) {
            throw new ToolError("cannot read '" + asWritten + "': " + e.getMessage());
        }
        return out.isEmpty() ? "(no lines at offset " + offset + ")" : out.toString();
    }

    /** {@code n} right-aligned in 6 columns, as {@code %6d} writes it (String.format was most of a read's time). */
    static StringBuilder number(StringBuilder out, long n) {
        String digits = Long.toString(n);
        for (int pad = 6 - digits.length(); pad > 0; pad--) {
            out.append(' ');
        }
        return out.append(digits);
    }
}
