package dev.cfn.agents.llm.tools;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * {@code Grep {pattern, path?, glob?}}: the lines matching a regular expression, as {@code
 * file:line: text}, in the text files of the working folder (files over 1 MB and binary files are
 * skipped).
 */
final class GrepTool implements Tool {
    static final int MAX_MATCHES = 500;
    private static final long MAX_FILE_BYTES = 1 << 20;

    private final PathGuard guard;

    GrepTool(PathGuard guard) {
        this.guard = guard;
    }

    @Override
    public ToolSpec spec() {
        return new ToolSpec(
                "Grep",
                "Searches file contents for a regular expression (Java syntax); prints file:line: text.",
                Map.of(
                        "pattern", ToolSpec.field("string", "the regular expression"),
                        "path", ToolSpec.field("string", "the folder to search (the working folder by default)"),
                        "glob", ToolSpec.field("string", "only files matching this glob, e.g. *.py")),
                List.of("pattern"));
    }

    @Override
    public String run(JsonNode input) throws ToolError {
        String regex = Tool.text(input, "pattern");
        Pattern pattern;
        try {
            pattern = Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            throw new ToolError("'" + regex + "' is not a valid regular expression: " + e.getDescription());
        }
        Path base = FileWalk.base(guard, Tool.optionalText(input, "path"));
        StringBuilder out = new StringBuilder();
        int matches = 0;
        for (Path file : FileWalk.files(guard, base, Tool.optionalText(input, "glob"), 20_000)) {
            List<String> lines = lines(file);
            for (int i = 0; i < lines.size() && matches < MAX_MATCHES; i++) {
                if (pattern.matcher(lines.get(i)).find()) {
                    matches++;
                    out.append(guard.show(file))
                            .append(':')
                            .append(i + 1)
                            .append(": ")
                            .append(lines.get(i))
                            .append('\n');
                }
            }
            if (matches >= MAX_MATCHES) {
                out.append("[stopped at ").append(MAX_MATCHES).append(" matches: narrow the pattern]\n");
                break;
            }
        }
        return matches == 0 ? "no matches for " + regex : out.toString();
    }

    private static List<String> lines(Path file) {
        try {
            if (Files.size(file) > MAX_FILE_BYTES) {
                return List.of();
            }
            return Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (MalformedInputException e) {
            return List.of(); // binary
        } catch (IOException e) {
            return List.of();
        }
    }
}
