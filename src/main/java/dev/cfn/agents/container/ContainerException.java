package dev.cfn.agents.container;

import dev.cfn.RetriableException;

/** The container engine failed or is missing: the agent could not run, which may pass (exit 1). */
public final class ContainerException extends RetriableException {
    public ContainerException(String message) {
        super(message);
    }
}
