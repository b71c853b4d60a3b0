package dev.cfn.skills;

import dev.cfn.InvalidInputException;
import dev.cfn.NotFoundException;
import dev.cfn.skills.file.SemVer;

/** No skill, or no such version of a skill, exists. */
public class SkillNotFoundException extends NotFoundException {
    public SkillNotFoundException(String message) {
        super(message);
    }

    public static SkillNotFoundException skill(String name) {
        return new SkillNotFoundException("skill '" + InvalidInputException.printable(name) + "' does not exist");
    }

    public static SkillNotFoundException version(String name, SemVer version) {
        return new SkillNotFoundException("skill '" + name + "' has no version " + version);
    }
}
