package dev.cfn.skills.file;

import dev.cfn.InvalidInputException;
import java.util.Locale;

/** The declared kind of a skill update, which must match its version bump. */
public enum ChangeType {
    PATCH,
    MINOR,
    MAJOR;

    public static ChangeType parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new InvalidInputException("--change must be patch, minor or major, but was '" + text + "'");
        }
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
