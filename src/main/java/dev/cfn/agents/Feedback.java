package dev.cfn.agents;

import java.util.Objects;

/** One finding an agent reports, fed to the next iteration's agents. */
public record Feedback(Severity severity, String message) {
    public enum Severity {
        CRITICAL,
        WARNING,
        SUGGESTION
    }

    public Feedback {
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(message, "message");
    }
}
