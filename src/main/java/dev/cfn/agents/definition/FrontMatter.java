package dev.cfn.agents.definition;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The front matter of a Markdown file: the lines between a first {@code ---} line and the next one.
 * Read as strict YAML first; when that fails, read leniently as {@code key: rest of line} (what
 * Claude Code tolerates, e.g. an unquoted description containing {@code ": "}) with a warning.
 */
final class FrontMatter {
    private static final YAMLMapper YAML = YAMLMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .build();
    private static final TypeReference<LinkedHashMap<String, Object>> MAP = new TypeReference<>() {};
    private static final Pattern KEY_LINE = Pattern.compile("([A-Za-z_][A-Za-z0-9_-]*)\\s*:(?:\\s+(.*))?\\s*");

    private final Path path;
    private final List<String> lines;
    private final int closing;
    private final Map<String, Object> values;
    private final FileProblem warning;

    private FrontMatter(Path path, List<String> lines, int closing, Map<String, Object> values, FileProblem warning) {
        this.path = path;
        this.lines = lines;
        this.closing = closing;
        this.values = values;
        this.warning = warning;
    }

    /** True when the file starts with a {@code ---} line, i.e. claims to have front matter. */
    static boolean present(List<String> lines) {
        return !lines.isEmpty() && lines.get(0).strip().equals("---");
    }

    /**
     * Reads the front matter of a file that has one (see {@link #present}).
     *
     * @throws AgentDefinitionException when it is unterminated, empty, or readable neither way
     */
    static FrontMatter read(Path path, List<String> lines) {
        int closing = -1;
        for (int i = 1; i < lines.size() && closing < 0; i++) {
            if (lines.get(i).strip().equals("---")) {
                closing = i;
            }
        }
        if (closing < 0) {
            throw new AgentDefinitionException(path, 1, "unterminated front matter: no closing '---' line");
        }
        String yaml = String.join("\n", lines.subList(1, closing));
        if (yaml.isBlank()) {
            throw new AgentDefinitionException(path, 1, "front matter is empty: 'name' and 'description' are required");
        }
        try {
            return new FrontMatter(path, lines, closing, strict(path, yaml), null);
        } catch (JsonProcessingException e) {
            int line = 1
                    + Math.max(1, e.getLocation() == null ? 1 : e.getLocation().getLineNr());
            String reason = firstLine(e.getOriginalMessage());
            Map<String, Object> lenient = lenient(lines, closing);
            if (lenient == null) {
                throw new AgentDefinitionException(path, line, "invalid YAML: " + reason);
            }
            FileProblem warning = new FileProblem(
                    path,
                    line,
                    "front matter is not strict YAML (" + reason + "); read leniently as 'key: rest of line'");
            return new FrontMatter(path, lines, closing, lenient, warning);
        }
    }

    private static Map<String, Object> strict(Path path, String yaml) throws JsonProcessingException {
        Object parsed;
        try {
            parsed = YAML.readValue(yaml, Object.class);
        } catch (JsonProcessingException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new AgentDefinitionException(
                    path, 2, "invalid YAML: " + e.getClass().getSimpleName());
        }
        if (!(parsed instanceof Map<?, ?>)) {
            throw new AgentDefinitionException(path, 2, "front matter must be a YAML mapping of keys to values");
        }
        return YAML.convertValue(parsed, MAP);
    }

    /** {@code key: rest of line} at column 0, {@code - item} lines under an empty key; null if unreadable. */
    private static Map<String, Object> lenient(List<String> lines, int closing) {
        Map<String, Object> values = new LinkedHashMap<>();
        List<String> items = null;
        for (int i = 1; i < closing; i++) {
            String line = lines.get(i);
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            Matcher m = KEY_LINE.matcher(line);
            if (m.matches()) {
                if (values.containsKey(m.group(1))) {
                    return null;
                }
                String value = m.group(2) == null ? "" : unquote(m.group(2).strip());
                items = value.isEmpty() ? new ArrayList<>() : null;
                values.put(m.group(1), value.isEmpty() ? items : value);
            } else if (Character.isWhitespace(line.charAt(0)) || trimmed.startsWith("- ")) {
                if (items != null && trimmed.startsWith("- ")) {
                    items.add(unquote(trimmed.substring(2).strip()));
                }
            } else {
                return null;
            }
        }
        values.replaceAll((k, v) -> v instanceof List<?> l && l.isEmpty() ? null : v);
        return values.isEmpty() ? null : values;
    }

    private static String unquote(String value) {
        if (value.length() >= 2) {
            char first = value.charAt(0);
            if ((first == '"' || first == '\'') && value.charAt(value.length() - 1) == first) {
                return value.substring(1, value.length() - 1);
            }
        }
        return value;
    }

    private static String firstLine(String text) {
        return text == null ? "" : text.lines().findFirst().orElse("").strip();
    }

    Map<String, Object> values() {
        return values;
    }

    /** The warning of a lenient reading, or null when the front matter is strict YAML. */
    FileProblem warning() {
        return warning;
    }

    /** The Markdown after the closing {@code ---} line. */
    String body() {
        return String.join("\n", lines.subList(closing + 1, lines.size())).strip();
    }

    /** The 1-based line of a top-level key, or 1 (the opening line) when it is absent. */
    int lineOf(String key) {
        for (int i = 1; i < closing; i++) {
            String line = lines.get(i);
            if (line.startsWith(key + ":") || line.startsWith(key + " :") || line.startsWith("\"" + key + "\":")) {
                return i + 1;
            }
        }
        return 1;
    }

    AgentDefinitionException error(String key, String problem) {
        return new AgentDefinitionException(path, lineOf(key), problem);
    }

    Path path() {
        return path;
    }
}
