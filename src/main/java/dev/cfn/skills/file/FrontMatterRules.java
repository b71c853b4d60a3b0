package dev.cfn.skills.file;

import dev.cfn.InvalidInputException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** The Agent Skills rules for front-matter fields, each error located at its key's line. */
final class FrontMatterRules {
    private final Path path;
    private final List<String> lines;
    private final int closingLine;

    FrontMatterRules(Path path, List<String> lines, int closingLine) {
        this.path = path;
        this.lines = lines;
        this.closingLine = closingLine;
    }

    String name(Map<String, Object> front, String expectedName) {
        Object value = front.get("name");
        if (!(value instanceof String name) || name.isBlank()) {
            throw error("name", "front matter 'name' is required and must be a string");
        }
        String problem = SkillNames.skillNameProblem(name);
        if (problem != null) {
            throw error("name", "front matter 'name' " + problem);
        }
        if (expectedName != null && !expectedName.equals(name)) {
            throw error(
                    "name",
                    "front matter 'name' must match the folder '" + InvalidInputException.printable(expectedName)
                            + "', but was '" + name + "'");
        }
        return name;
    }

    String description(Map<String, Object> front, List<String> warnings) {
        Object value = front.get("description");
        if (!(value instanceof String description) || description.isBlank()) {
            throw error("description", "front matter 'description' is required and must be a non-empty string");
        }
        int length = description.codePointCount(0, description.length());
        if (length > SkillFileParser.DESCRIPTION_HARD_LIMIT) {
            throw error(
                    "description",
                    "front matter 'description' must be at most " + SkillFileParser.DESCRIPTION_HARD_LIMIT
                            + " characters, but was " + length);
        }
        if (length > SkillFileParser.DESCRIPTION_LIMIT) {
            warnings.add(path + ":" + lineOf("description") + ": description is " + length
                    + " characters, over the Agent Skills limit of " + SkillFileParser.DESCRIPTION_LIMIT
                    + " (accepted)");
        }
        return description;
    }

    SemVer version(Map<String, Object> front) {
        Object value = front.get("version");
        if (value == null) {
            return SemVer.INITIAL;
        }
        try {
            return SemVer.parse(value.toString());
        } catch (InvalidInputException e) {
            throw error(
                    "version",
                    "front matter 'version' must be semver MAJOR.MINOR.PATCH, but was '"
                            + InvalidInputException.printable(value.toString()) + "'");
        }
    }

    Category category(Map<String, Object> front) {
        Object value = front.get("category");
        if (value == null) {
            return Category.DOMAIN;
        }
        try {
            return Category.parse(value.toString());
        } catch (InvalidInputException e) {
            // Category's message names the rule; say it again here with the value made printable.
            throw error(
                    "category",
                    "front matter 'category' must be one of coordination, foundation, testing, infrastructure,"
                            + " domain, but was '" + InvalidInputException.printable(value.toString()) + "'");
        }
    }

    private SkillFileException error(String key, String problem) {
        return new SkillFileException(path, lineOf(key), problem);
    }

    /** The 1-based line of a top-level key in the front matter, or the opening line. */
    private int lineOf(String key) {
        for (int i = 1; i < closingLine; i++) {
            String line = lines.get(i);
            if (line.startsWith(key + ":") || line.startsWith("\"" + key + "\":")) {
                return i + 1;
            }
        }
        return 1;
    }
}
