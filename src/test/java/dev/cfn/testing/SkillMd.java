package dev.cfn.testing;

import dev.cfn.skills.file.SkillFile;
import dev.cfn.skills.file.SkillFileParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Builds a SKILL.md: front matter from a few fields plus extra lines, then a body. */
public final class SkillMd {
    private final String name;
    private String version = "1.0.0";
    private String category = "testing";
    private String description;
    private String body;
    private final List<String> extraLines = new ArrayList<>();

    private SkillMd(String name) {
        this.name = name;
        this.description = "Test skill " + name + ".";
    }

    /** A testing-category (auto-approved) skill at version 1.0.0. */
    public static SkillMd of(String name) {
        return new SkillMd(name);
    }

    public SkillMd version(String version) {
        this.version = version;
        return this;
    }

    public SkillMd category(String category) {
        this.category = category;
        return this;
    }

    public SkillMd description(String description) {
        this.description = description;
        return this;
    }

    public SkillMd body(String body) {
        this.body = body;
        return this;
    }

    /** Adds a raw front-matter line, e.g. {@code team: platform}. */
    public SkillMd line(String yamlLine) {
        extraLines.add(yamlLine);
        return this;
    }

    public String name() {
        return name;
    }

    /** The file's text; the body names the version, so each version's content differs. */
    public String text() {
        StringBuilder text = new StringBuilder("---\n");
        text.append("name: ").append(name).append('\n');
        text.append("description: ").append(quoted(description)).append('\n');
        if (version != null) {
            text.append("version: ").append(version).append('\n');
        }
        if (category != null) {
            text.append("category: ").append(category).append('\n');
        }
        extraLines.forEach(l -> text.append(l).append('\n'));
        text.append("---\n");
        text.append(body != null ? body : "# " + name + "\n\nUse " + name + " well (version " + version + ").\n");
        return text.toString();
    }

    /** Writes {@code root/<name>/SKILL.md} and returns its path. */
    public Path writeIn(Path root) {
        Path file = root.resolve(name).resolve("SKILL.md");
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    /** Writes the file under {@code root} and parses it. */
    public SkillFile parsedIn(Path root) {
        return new SkillFileParser().read(writeIn(root));
    }

    private static String quoted(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
