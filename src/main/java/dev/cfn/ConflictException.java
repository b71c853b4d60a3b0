package dev.cfn;

/**
 * The request is valid but conflicts with the current state: an invalid state transition, a
 * version that does not increase, unchanged content, a duplicate (CLI exit 4, HTTP 409).
 */
public class ConflictException extends CfnException {
    public ConflictException(String message) {
        super(message);
    }
}
