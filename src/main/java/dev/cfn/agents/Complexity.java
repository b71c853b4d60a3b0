package dev.cfn.agents;

import java.time.Duration;
import java.util.Locale;

/** An agent's expected effort; it sets the default timeout (the seed's adaptive timeouts). */
public enum Complexity {
    LOW(Duration.ofSeconds(150)),
    MEDIUM(Duration.ofSeconds(300)),
    HIGH(Duration.ofSeconds(600));

    private final Duration timeout;

    Complexity(Duration timeout) {
        this.timeout = timeout;
    }

    public Duration defaultTimeout() {
        return timeout;
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
