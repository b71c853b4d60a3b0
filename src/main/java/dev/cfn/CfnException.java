package dev.cfn;

/**
 * Root of every failure cfn reports. Subclasses name the failure; the CLI and the HTTP API map
 * them to exit codes and status codes in one place each.
 */
public class CfnException extends RuntimeException {
    public CfnException(String message) {
        super(message);
    }

    public CfnException(String message, Throwable cause) {
        super(message, cause);
    }
}
