package dev.cfn.cli;

import dev.cfn.ConflictException;
import dev.cfn.InvalidInputException;
import dev.cfn.NotFoundException;

/** The exit codes of DESIGN.md's CLI contract, and the one mapping from failures to them. */
public final class ExitCodes {
    public static final int OK = 0;
    public static final int INTERNAL = 1;
    public static final int INVALID = 2;
    public static final int NOT_FOUND = 3;
    public static final int CONFLICT = 4;

    private ExitCodes() {}

    public static int of(Throwable failure) {
        if (failure instanceof InvalidInputException) {
            return INVALID;
        }
        if (failure instanceof NotFoundException) {
            return NOT_FOUND;
        }
        if (failure instanceof ConflictException) {
            return CONFLICT;
        }
        return INTERNAL;
    }
}
