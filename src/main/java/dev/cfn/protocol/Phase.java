package dev.cfn.protocol;

import dev.cfn.InvalidInputException;

/**
 * The phases of a CFN Loop iteration, in order: the implementers of Loop 3, the validators of
 * Loop 2, the product owner. The label is the wire form: {@code CFN_LOOP} of the agent protocol,
 * the {@code loop} of stored results and events, the key segment of the agent-id sets.
 */
public enum Phase {
    /** Implementers: they do the work and report confidence. */
    LOOP3("loop3"),
    /** Validators: they review loop 3's work and reach consensus. */
    LOOP2("loop2"),
    /** The product owner: PROCEED, ITERATE or ABORT. */
    PRODUCT_OWNER("product-owner");

    private final String label;

    Phase(String label) {
        this.label = label;
    }

    /** {@code loop3}, {@code loop2} or {@code product-owner}. */
    public String label() {
        return label;
    }

    /**
     * The phase with this label.
     *
     * @throws InvalidInputException naming {@code what} if the label is none of the three
     */
    public static Phase of(String what, String label) {
        for (Phase p : values()) {
            if (p.label.equals(label)) {
                return p;
            }
        }
        throw new InvalidInputException(what + " must be loop3, loop2 or product-owner, but was '"
                + InvalidInputException.printable(String.valueOf(label)) + "'");
    }

    @Override
    public String toString() {
        return label;
    }
}
