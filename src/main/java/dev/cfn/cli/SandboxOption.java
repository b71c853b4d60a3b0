package dev.cfn.cli;

import dev.cfn.InvalidInputException;
import dev.cfn.agents.AgentDefinition;
import picocli.CommandLine.Option;

/** {@code --sandbox none|container}: where every agent's process runs, whatever its definition says. */
public final class SandboxOption {
    @Option(
            names = "--sandbox",
            paramLabel = "S",
            description = "container: run every agent's process in a container (podman or docker; see"
                    + " docs/deployment.md); none: on this machine. Default: each definition's own sandbox key.")
    String sandbox;

    /** {@code none}, {@code container}, or null when not given. */
    public String value() {
        if (sandbox != null && !sandbox.equals("none") && !sandbox.equals("container")) {
            throw new InvalidInputException("--sandbox must be none or container, but was '" + sandbox + "'");
        }
        return sandbox;
    }

    /** {@code d} in the sandbox given, or as it is when none was given. */
    public AgentDefinition apply(AgentDefinition d) {
        String v = value();
        return v == null ? d : d.withExtra("sandbox", v);
    }
}
