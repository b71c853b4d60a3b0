package dev.cfn.agents.llm.tools;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** {@code Glob {pattern, path?}}: the files matching a glob, relative to the working folder. */
final class GlobTool implements Tool {
    static final int MAX_FILES = 1000;

    private final PathGuard guard;

    GlobTool(PathGuard guard) {
        this.guard = guard;
    }

    @Override
    public ToolSpec spec() {
        return new ToolSpec(
                "Glob",
                "Lists the files matching a glob such as **/*.py, relative to the working folder.",
                Map.of(
                        "pattern", ToolSpec.field("string", "the glob"),
                        "path", ToolSpec.field("string", "the folder to search (the working folder by default)")),
                List.of("pattern"));
    }

    @Override
    public String run(JsonNode input) throws ToolError {
        String pattern = Tool.text(input, "pattern");
        Path base = FileWalk.base(guard, Tool.optionalText(input, "path"));
        List<Path> files = FileWalk.files(guard, base, pattern, MAX_FILES);
        if (files.isEmpty()) {
            return "no files match " + pattern;
        }
        StringBuilder out = new StringBuilder();
        files.stream().limit(MAX_FILES).forEach(f -> out.append(guard.show(f)).append('\n'));
        if (files.size() > MAX_FILES) {
            out.append("[more than ").append(MAX_FILES).append(" files: narrow the pattern]\n");
        }
        return out.toString();
    }
}
