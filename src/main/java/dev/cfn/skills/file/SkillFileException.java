package dev.cfn.skills.file;

import dev.cfn.InvalidInputException;
import java.nio.file.Path;

/** A SKILL.md file that cannot be used; the message is {@code path:line: what is wrong}. */
public class SkillFileException extends InvalidInputException {
    private final Path path;
    private final int line;

    public SkillFileException(Path path, int line, String problem) {
        super(path + ":" + line + ": " + problem);
        this.path = path;
        this.line = line;
    }

    public Path path() {
        return path;
    }

    public int line() {
        return line;
    }
}
