package dev.cfn.agents.process;

import java.util.Objects;

/**
 * Whether one resource limit of an agent is enforced on this machine, and how.
 *
 * @param resource {@code memory}, {@code cpus} or {@code timeout}
 * @param requested the definition's value, or null when none is set
 * @param how the mechanism (e.g. {@code cgroup v1 memory.limit_in_bytes=536870912}) or why not
 */
public record EnforcedLimit(String resource, String requested, boolean enforced, String how) {
    public EnforcedLimit {
        Objects.requireNonNull(resource, "resource");
        Objects.requireNonNull(how, "how");
    }
}
