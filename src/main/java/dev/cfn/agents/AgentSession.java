package dev.cfn.agents;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A conversation an agent runtime can continue: Claude Code's session id and the folder it ran in
 * (Claude Code finds a session by its working folder, so it resumes only there).
 */
public record AgentSession(String sessionId, Path workdir) {
    public AgentSession {
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(workdir, "workdir");
        if (sessionId.isBlank()) {
            throw new IllegalArgumentException("sessionId must not be blank");
        }
        workdir = workdir.toAbsolutePath().normalize();
    }

    /** True when this session ran in {@code folder}, so it can be resumed there. */
    public boolean ranIn(Path folder) {
        return workdir.equals(folder.toAbsolutePath().normalize());
    }
}
