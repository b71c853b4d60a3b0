package dev.cfn.skills.file;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A parsed, validated SKILL.md: Agent Skills front matter and a Markdown body. {@code content} is
 * the file's text exactly as read (BOM and line endings kept) and {@code contentHash} the SHA-256
 * of its bytes, so a stored version can be checked against its hash at any time.
 *
 * @param frontMatter every front-matter key, known or not, in file order
 * @param warnings problems that do not stop the file from being used, each {@code path:line: why}
 */
public record SkillFile(
        Path path,
        String name,
        String description,
        SemVer version,
        Category category,
        Map<String, Object> frontMatter,
        String content,
        String contentHash,
        List<String> warnings) {

    public SkillFile {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(contentHash, "contentHash");
        frontMatter = Collections.unmodifiableMap(new LinkedHashMap<>(frontMatter));
        warnings = List.copyOf(warnings);
    }

    /** An optional string field of the front matter ({@code team}, {@code owner}), or null. */
    public String text(String key) {
        Object value = frontMatter.get(key);
        return value == null ? null : value.toString();
    }
}
