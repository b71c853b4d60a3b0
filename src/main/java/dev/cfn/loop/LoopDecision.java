package dev.cfn.loop;

import java.util.Locale;

/** The product owner's choice at the end of an iteration. */
public enum LoopDecision {
    PROCEED,
    ITERATE,
    ABORT;

    /** Parses PROCEED / ITERATE / ABORT in any case; null when the text is none of them. */
    public static LoopDecision parseOrNull(String text) {
        if (text == null) {
            return null;
        }
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
