package dev.cfn.loop;

/**
 * A driven run was stopped (its budget exceeded, or cancelled): thrown from the agent batch to the
 * executor, which stores the run as {@link RunStatus#STOPPED} with this message as its reason. Never
 * leaves the loop package.
 */
final class RunStoppedException extends RuntimeException {
    RunStoppedException(String reason) {
        super(reason, null, false, false);
    }
}
