package dev.cfn.protocol;

import dev.cfn.InvalidInputException;
import java.util.Locale;

/**
 * The product owner's decision on an iteration: what an agent answers, what the loop stores and
 * what coordination publishes at {@code swarm:{task}:decision}, as one type.
 */
public enum Decision {
    PROCEED,
    ITERATE,
    ABORT;

    /** PROCEED / ITERATE / ABORT in any case and padding; null for null or anything else. */
    public static Decision lenient(String text) {
        if (text == null) {
            return null;
        }
        return switch (text.strip().toUpperCase(Locale.ROOT)) {
            case "PROCEED" -> PROCEED;
            case "ITERATE" -> ITERATE;
            case "ABORT" -> ABORT;
            default -> null;
        };
    }

    /**
     * Reads a stored value, written by cfn or by any agent with plain Redis commands or SQL.
     *
     * @throws InvalidInputException naming {@code where} if the value is not exactly PROCEED,
     *     ITERATE or ABORT
     */
    public static Decision parse(String where, String value) {
        for (Decision d : values()) {
            if (d.name().equals(value)) {
                return d;
            }
        }
        throw new InvalidInputException(where + " must hold PROCEED, ITERATE or ABORT, but was '"
                + InvalidInputException.printable(String.valueOf(value)) + "'");
    }
}
