package dev.cfn.skills;

import dev.cfn.InvalidInputException;
import java.util.Locale;

/** A skill's life: active (loadable), deprecated (kept, not loaded), archived (rejected). */
public enum SkillStatus {
    ACTIVE,
    DEPRECATED,
    ARCHIVED;

    public static SkillStatus parse(String text) {
        for (SkillStatus s : values()) {
            if (s.label().equals(text)) {
                return s;
            }
        }
        throw new InvalidInputException("--status must be active, deprecated or archived, but was '" + text + "'");
    }

    public static SkillStatus fromLabel(String label) {
        return valueOf(label.toUpperCase(Locale.ROOT));
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
