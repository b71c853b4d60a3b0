package dev.cfn.skills.file;

import dev.cfn.InvalidInputException;
import java.util.regex.Pattern;

/** The rules for the names users type: skill names and agent types. */
public final class SkillNames {
    private static final Pattern SKILL = Pattern.compile("[a-z0-9-]{1,64}");
    private static final Pattern AGENT_TYPE = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    private SkillNames() {}

    /** Returns null when the name is valid, else why it is not. */
    public static String skillNameProblem(String name) {
        if (name == null || name.isEmpty()) {
            return "must not be empty";
        }
        if (name.contains("/") || name.contains("\\") || name.contains("..")) {
            return "must not contain '/', '\\' or '..', but was '" + InvalidInputException.printable(name) + "'";
        }
        if (!SKILL.matcher(name).matches()) {
            return "must be 1-64 lowercase letters, digits or hyphens, but was '"
                    + InvalidInputException.printable(name) + "'";
        }
        return null;
    }

    /**
     * @throws InvalidInputException naming {@code what} if the skill name is invalid
     */
    public static String requireSkillName(String what, String name) {
        String problem = skillNameProblem(name);
        if (problem != null) {
            throw new InvalidInputException(what + " " + problem);
        }
        return name;
    }

    /**
     * @throws InvalidInputException if the agent type is not 1-64 of letters, digits, '_' or '-'
     */
    public static String requireAgentType(String agentType) {
        if (agentType == null || !AGENT_TYPE.matcher(agentType).matches()) {
            throw new InvalidInputException("agent type must be 1-64 letters, digits, '_' or '-', but was '"
                    + InvalidInputException.printable(String.valueOf(agentType)) + "'");
        }
        return agentType;
    }
}
