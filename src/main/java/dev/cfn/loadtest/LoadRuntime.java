package dev.cfn.loadtest;

import java.util.Locale;

/** How the bundled instant agent runs: a new process per round, or a warm pool's persistent process. */
public enum LoadRuntime {
    PROCESS("instant.md"),
    WARM("instant-warm.md");

    private final String resource;

    LoadRuntime(String resource) {
        this.resource = resource;
    }

    /** {@code process} or {@code warm}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The classpath resource (beside this class) holding the bundled agent's definition. */
    String resource() {
        return resource;
    }
}
