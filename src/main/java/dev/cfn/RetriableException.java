package dev.cfn;

/**
 * A dependency is unavailable or slow (database locked too long, Redis down, a timeout); the same
 * request may succeed later (CLI exit 1, HTTP 503).
 */
public class RetriableException extends CfnException {
    public RetriableException(String message, Throwable cause) {
        super(message, cause);
    }

    public RetriableException(String message) {
        super(message);
    }
}
