package dev.cfn.loop;

import dev.cfn.agents.AgentResult;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Whether one finding of the previous iteration concerns an implementer: everything CRITICAL does;
 * otherwise the message must name the implementer's type or its previous agent id (as a word), or a
 * file it reported (its path, or its file name as a word).
 */
final class FeedbackTarget {
    private FeedbackTarget() {}

    static boolean concerns(String severity, String message, String type, AgentResult before, List<String> files) {
        if ("CRITICAL".equals(severity)) {
            return true;
        }
        if (message == null) {
            return false;
        }
        if (names(message, type) || (before != null && names(message, before.agentId()))) {
            return true;
        }
        for (String f : files) {
            if (f.isBlank()) {
                continue;
            }
            String name = f.contains("/") ? f.substring(f.lastIndexOf('/') + 1) : f;
            if (message.contains(f) || (!name.isEmpty() && names(message, name))) {
                return true;
            }
        }
        return false;
    }

    /** {@code word} in {@code text} with no letter, digit, '_' or '-' right before or after it. */
    private static boolean names(String text, String word) {
        return Pattern.compile("(?<![\\p{L}\\p{N}_-])" + Pattern.quote(word) + "(?![\\p{L}\\p{N}_-])")
                .matcher(text)
                .find();
    }
}
