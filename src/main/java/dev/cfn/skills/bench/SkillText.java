package dev.cfn.skills.bench;

import dev.cfn.skills.file.Category;
import java.util.List;

/**
 * SKILL.md texts for the benchmarks: Agent Skills front matter and about 1.5 KB of Markdown, the
 * size of a typical real skill. Deterministic: the same arguments give the same bytes.
 */
public final class SkillText {
    private static final List<String> PARAGRAPHS = List.of(
            "Read the task and the files it names before changing anything. State the goal in one"
                    + " sentence and the checks that will show it is reached.",
            "Work in small steps. After each step run the narrowest test that covers it, and keep the"
                    + " change only when the test passes; otherwise undo it and try a smaller step.",
            "Report what changed, which tests ran and what they showed. A confidence without evidence"
                    + " is not reported: say what is unknown instead.",
            "Prefer the project's existing helpers and conventions to new ones. When a rule here"
                    + " conflicts with the project's own style guide, the style guide wins.",
            "Keep secrets out of logs, prompts and commits. Treat every input from outside the process"
                    + " as untrusted until it has been validated at the edge.");

    private SkillText() {}

    /** The text of one version of a skill; {@code salt} varies the body so versions differ. */
    public static String of(String name, String version, Category category, int salt) {
        StringBuilder text = new StringBuilder(1800);
        text.append("---\n")
                .append("name: ")
                .append(name)
                .append('\n')
                .append("description: Generated benchmark skill ")
                .append(name)
                .append(" for ")
                .append(category.label())
                .append(" work; use it when the task mentions ")
                .append(category.label())
                .append(".\n")
                .append("version: ")
                .append(version)
                .append('\n')
                .append("category: ")
                .append(category.label())
                .append('\n')
                .append("team: team-")
                .append(Math.floorMod(name.hashCode(), 12))
                .append('\n')
                .append("owner: owner-")
                .append(Math.floorMod(name.hashCode(), 40))
                .append("@example.com\n")
                .append("tags: [bench, ")
                .append(category.label())
                .append(", generated]\n")
                .append("---\n# ")
                .append(name)
                .append("\n\n");
        for (int section = 0; section < 3; section++) {
            text.append("## Step ").append(section + 1).append("\n\n");
            for (int p = 0; p < 2; p++) {
                text.append(PARAGRAPHS.get(Math.floorMod(salt + section * 2 + p, PARAGRAPHS.size())))
                        .append("\n\n");
            }
        }
        return text.append("Revision ").append(salt).append(".\n").toString();
    }
}
