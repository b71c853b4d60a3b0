package dev.cfn;

/** A named thing does not exist (CLI exit 3, HTTP 404). */
public class NotFoundException extends CfnException {
    public NotFoundException(String message) {
        super(message);
    }
}
