package dev.cfn.skills.file;

import dev.cfn.InvalidInputException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntConsumer;
import java.util.stream.Stream;

/** Finds SKILL.md files on disk and parses them all before anything is written. */
public final class SkillTree {
    public static final String FILE_NAME = "SKILL.md";

    private SkillTree() {}

    /**
     * The SKILL.md files a path names: the file itself, or for a folder its {@code SKILL.md} and its
     * subfolders' ({@code recursive}: at any depth), sorted by path.
     *
     * @throws InvalidInputException if the path does not exist or holds no SKILL.md
     */
    public static List<Path> find(Path path, boolean recursive) {
        if (!Files.exists(path)) {
            throw new InvalidInputException(path + ": no such file or folder");
        }
        if (Files.isRegularFile(path)) {
            return List.of(path);
        }
        try (Stream<Path> files = Files.walk(path, recursive ? Integer.MAX_VALUE : 2, FileVisitOption.FOLLOW_LINKS)) {
            List<Path> found = files.filter(p -> p.getFileName().toString().equals(FILE_NAME))
                    .filter(Files::isRegularFile)
                    .sorted()
                    .toList();
            if (found.isEmpty()) {
                throw new InvalidInputException(path + ": no " + FILE_NAME + " found in this folder");
            }
            return found;
        } catch (IOException | UncheckedIOException e) {
            throw new InvalidInputException(path + ": cannot list: " + e.getMessage());
        }
    }

    /**
     * Parses every file, keeping going past bad ones: the good files and one problem per bad file.
     * Two files defining the same skill name: the second is a problem naming the first.
     */
    public static Parsed parseEach(SkillFileParser parser, List<Path> paths, IntConsumer progress) {
        List<SkillFile> parsed = new ArrayList<>(paths.size());
        List<String> problems = new ArrayList<>();
        java.util.Map<String, Path> names = new java.util.HashMap<>();
        int done = 0;
        for (Path p : paths) {
            try {
                SkillFile file = parser.read(p);
                Path before = names.putIfAbsent(file.name(), file.path());
                if (before != null) {
                    problems.add(problem(
                            file, "name", "skill '" + file.name() + "' is defined twice (also in " + before + ")"));
                } else {
                    parsed.add(file);
                }
            } catch (InvalidInputException e) {
                problems.add(e.getMessage());
            }
            progress.accept(++done);
        }
        return new Parsed(parsed, problems);
    }

    /** {@code path:line: why}, the line being the front-matter line of {@code key} (else 1). */
    public static String problem(SkillFile file, String key, String why) {
        List<String> lines = file.content().lines().toList();
        int line = 1;
        for (int i = 1; i < lines.size(); i++) {
            if (lines.get(i).startsWith(key + ":")) {
                line = i + 1;
                break;
            }
        }
        return file.path() + ":" + line + ": " + why;
    }

    /**
     * What {@link #parseEach} found.
     *
     * @param problems one {@code path:line: why} per file that cannot be imported
     */
    public record Parsed(List<SkillFile> files, List<String> problems) {
        public Parsed {
            files = List.copyOf(files);
            problems = List.copyOf(problems);
        }
    }

    /** Parses every file; the first bad one stops everything with its {@code path:line} error. */
    public static List<SkillFile> parseAll(SkillFileParser parser, List<Path> paths, IntConsumer progress) {
        List<SkillFile> parsed = new ArrayList<>(paths.size());
        for (Path p : paths) {
            parsed.add(parser.read(p));
            progress.accept(parsed.size());
        }
        return parsed;
    }
}
