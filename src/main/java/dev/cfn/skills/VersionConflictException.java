package dev.cfn.skills;

import dev.cfn.ConflictException;

/** A new version that does not increase, has unchanged content, or mismatches its change type. */
public class VersionConflictException extends ConflictException {
    public VersionConflictException(String message) {
        super(message);
    }
}
