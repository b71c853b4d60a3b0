package dev.cfn.git;

import dev.cfn.CfnException;

/** A git command failed; the message is one line: the command and what git said. */
public final class GitException extends CfnException {
    public GitException(String message) {
        super(message);
    }

    public GitException(String message, Throwable cause) {
        super(message, cause);
    }
}
