package dev.cfn;

/** The user's input is malformed or breaks a rule (CLI exit 2, HTTP 400). */
public class InvalidInputException extends CfnException {
    public InvalidInputException(String message) {
        super(message);
    }
}
