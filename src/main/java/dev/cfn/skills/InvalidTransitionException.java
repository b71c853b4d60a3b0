package dev.cfn.skills;

import dev.cfn.ConflictException;

/** A lifecycle step the skill's current state does not allow (approve twice, deploy unapproved). */
public class InvalidTransitionException extends ConflictException {
    public InvalidTransitionException(String message) {
        super(message);
    }
}
