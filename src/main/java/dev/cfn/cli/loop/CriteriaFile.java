package dev.cfn.cli.loop;

import dev.cfn.InvalidInputException;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** {@code --criteria-file}: one acceptance criterion per line; blank lines are skipped, lines trimmed. */
final class CriteriaFile {
    private CriteriaFile() {}

    /**
     * @throws InvalidInputException naming the file when it is missing, unreadable, not UTF-8, or holds
     *     no criterion
     */
    static List<String> read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new InvalidInputException("--criteria-file " + file + " does not exist");
        } catch (CharacterCodingException e) {
            throw new InvalidInputException("--criteria-file " + file + " is not UTF-8 text");
        } catch (IOException e) {
            throw new InvalidInputException("--criteria-file " + file + ": cannot read: " + e.getMessage());
        }
        List<String> criteria = new ArrayList<>();
        for (String line : lines) {
            if (!line.isBlank()) {
                criteria.add(line.strip());
            }
        }
        if (criteria.isEmpty()) {
            throw new InvalidInputException("--criteria-file " + file + " has no criterion (one per line)");
        }
        return criteria;
    }
}
