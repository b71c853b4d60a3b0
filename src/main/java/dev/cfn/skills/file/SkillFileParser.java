package dev.cfn.skills.file;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import dev.cfn.InvalidInputException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads SKILL.md files: YAML front matter between {@code ---} lines, then a Markdown body. Every
 * failure is a {@link SkillFileException} with {@code path:line: what is wrong}; nothing else
 * escapes, whatever the bytes. Thread-safe.
 */
public final class SkillFileParser {
    public static final int MAX_BYTES = 1024 * 1024;
    /** The Agent Skills limit; longer descriptions are accepted with a warning (see README). */
    public static final int DESCRIPTION_LIMIT = 1024;
    /** Past this a description is rejected. */
    public static final int DESCRIPTION_HARD_LIMIT = 4096;

    // YAML 1.2 booleans (true/false only), as Agent Skills tools read them: a skill named 'no' or
    // 'off' is a string, not YAML 1.1's false.
    private static final YAMLMapper YAML = YAMLMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(YAMLParser.Feature.PARSE_BOOLEAN_LIKE_WORDS_AS_STRINGS)
            .build();
    private static final TypeReference<LinkedHashMap<String, Object>> MAP = new TypeReference<>() {};

    /** Reads and parses a file; the folder it sits in must be named after the skill. */
    public SkillFile read(Path path) {
        Path folder = path.toAbsolutePath().normalize().getParent();
        String folderName = folder == null || folder.getFileName() == null
                ? ""
                : folder.getFileName().toString();
        return read(path, folderName);
    }

    /** Reads and parses a file whose skill must be named {@code expectedName}. */
    public SkillFile read(Path path, String expectedName) {
        byte[] bytes;
        try {
            long size = Files.size(path);
            if (size > MAX_BYTES) {
                throw new SkillFileException(path, 1, "file is larger than 1 MiB (" + size + " bytes)");
            }
            bytes = Files.readAllBytes(path);
        } catch (NoSuchFileException e) {
            throw new InvalidInputException(path + ": no such file");
        } catch (IOException e) {
            throw new InvalidInputException(path + ": cannot read: " + e.getMessage());
        }
        return parse(path, bytes, expectedName);
    }

    /**
     * Parses the bytes of a SKILL.md.
     *
     * @param expectedName the name the skill must have (its folder's name)
     */
    public SkillFile parse(Path path, byte[] bytes, String expectedName) {
        if (bytes.length > MAX_BYTES) {
            throw new SkillFileException(path, 1, "file is larger than 1 MiB (" + bytes.length + " bytes)");
        }
        String content = decode(path, bytes);
        String text = content.startsWith("\uFEFF") ? content.substring(1) : content;
        List<String> lines = text.lines().toList();
        if (lines.isEmpty() || !lines.get(0).strip().equals("---")) {
            throw new SkillFileException(path, 1, "missing front matter: the file must start with a '---' line");
        }
        int close = -1;
        for (int i = 1; i < lines.size(); i++) {
            if (lines.get(i).strip().equals("---")) {
                close = i;
                break;
            }
        }
        if (close < 0) {
            throw new SkillFileException(path, 1, "unterminated front matter: no closing '---' line");
        }
        String yaml = String.join("\n", lines.subList(1, close));
        Map<String, Object> front = parseYaml(path, yaml);
        FrontMatterRules rules = new FrontMatterRules(path, lines, close);
        List<String> warnings = new ArrayList<>();
        String name = rules.name(front, expectedName);
        String description = rules.description(front, warnings);
        SemVer version = rules.version(front);
        Category category = rules.category(front);
        return new SkillFile(path, name, description, version, category, front, content, sha256(bytes), warnings);
    }

    private static String decode(Path path, byte[] bytes) {
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == 0) {
                throw new SkillFileException(path, lineAt(bytes, i), "binary content (a NUL byte) is not a SKILL.md");
            }
        }
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (MalformedInputException e) {
            throw new SkillFileException(path, lineAt(bytes, firstInvalidUtf8(bytes)), "content is not valid UTF-8");
        } catch (CharacterCodingException e) {
            throw new SkillFileException(path, 1, "content is not valid UTF-8");
        }
    }

    private static int firstInvalidUtf8(byte[] bytes) {
        var decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        var out = java.nio.CharBuffer.allocate(bytes.length + 1);
        var result = decoder.decode(in, out, true);
        return result.isError() ? in.position() : 0;
    }

    private static int lineAt(byte[] bytes, int offset) {
        int line = 1;
        for (int i = 0; i < offset && i < bytes.length; i++) {
            if (bytes[i] == '\n') {
                line++;
            }
        }
        return line;
    }

    private static Map<String, Object> parseYaml(Path path, String yaml) {
        if (yaml.isBlank()) {
            throw new SkillFileException(path, 2, "front matter is empty: 'name' and 'description' are required");
        }
        try {
            Object parsed = YAML.readValue(yaml, Object.class);
            if (!(parsed instanceof Map<?, ?>)) {
                throw new SkillFileException(path, 2, "front matter must be a YAML mapping of keys to values");
            }
            return YAML.convertValue(parsed, MAP);
        } catch (JsonProcessingException e) {
            int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
            throw new SkillFileException(
                    path,
                    1 + Math.max(line, 1),
                    "invalid YAML: "
                            + e.getOriginalMessage()
                                    .lines()
                                    .findFirst()
                                    .orElse("")
                                    .strip());
        } catch (SkillFileException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new SkillFileException(
                    path, 2, "invalid YAML: " + e.getClass().getSimpleName());
        }
    }

    static String sha256(byte[] bytes) {
        return dev.cfn.store.Sha256.hex(bytes);
    }
}
